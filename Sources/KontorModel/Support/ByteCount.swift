/// A size in bytes as a person reads it: "512 B", "12 KB", "1,4 MB".
public enum ByteCount {
    public static func text(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\(bytes / 1024) KB" }
        let tenths = bytes * 10 / (1024 * 1024)
        return "\(tenths / 10),\(tenths % 10) MB"
    }
}
