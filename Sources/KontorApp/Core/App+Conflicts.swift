import KontorLocale
import KontorModel

extension App {
    /// A colleague by their full name, as presence shows them; the person
    /// themselves, who saved first in another window (the same login
    /// twice), as "Rita Root in another window", not as a login that reads
    /// like a stranger ("root saved this customer").
    func nameOfSaver(_ username: String) -> String {
        let name = (try? session.staffDirectory.find(username: username))?.fullName ?? username
        return username == session.username ? tr("{0} in another window", name) : name
    }
}
