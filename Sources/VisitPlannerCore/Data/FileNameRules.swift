import Foundation

/// Names that cannot become a file or folder name on every system a plan is opened on.
///
/// Operation codes, manager ids, scenario ids and `--name` become file and folder names in
/// plan folders, which are often copied to Windows shares. Windows reserves device names
/// (`CON`, `NUL.md`, `com1.ics`: the name before the first dot, any case) and silently drops
/// trailing dots and spaces, so such a name either cannot be created there or turns into
/// another file's name. One rule, used by the loader and by the command line alike.
public enum FileNameRules {
    /// Device names Windows reserves, upper-cased. `COM0`/`LPT0` and the superscript digits
    /// are reserved too on current Windows.
    public static let reservedNames: Set<String> = {
        var names: Set<String> = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
        for digit in ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³"] {
            names.insert("COM" + digit)
            names.insert("LPT" + digit)
        }
        return names
    }()

    /// Why `name` cannot be used as a file name, or nil when it can.
    ///
    /// - Parameter name: the name as written (an id, a code, a folder name).
    /// - Returns: a message fragment such as `"CON" is a device name Windows reserves …`;
    ///   callers add what to do (e.g. "; choose another code").
    public static func problem(with name: String) -> String? {
        let quoted = "\"\(ControlCharacters.neutralized(name))\""
        if name.isEmpty { return "the name is empty" }
        if let last = name.unicodeScalars.last, last == "." || last == " " {
            return "\(quoted) ends with a \(last == "." ? "dot" : "space"), which Windows drops from file names"
        }
        let stem = String(name.prefix { $0 != "." }).trimmingWhitespace().uppercased()
        if reservedNames.contains(stem) {
            return "\(quoted) is a device name Windows reserves (CON, PRN, AUX, NUL, COM1-COM9, LPT1-LPT9, "
                + "with or without an extension) and cannot name a file"
        }
        return nil
    }
}
