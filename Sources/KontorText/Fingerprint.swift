/// A short stable name for some bytes (FNV-1a, 64 bits, as 16 hex digits):
/// a key that says "the same as before", never a secret.
public enum Fingerprint {
    public static func hex<S: Sequence<UInt8>>(_ bytes: S) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
