import XCTest

@testable import visitplan

/// Whatever a message quotes, no control sequence reaches the terminal.
final class ConsoleTests: XCTestCase {
    func testEscapeSequencesAreShownNotSent() {
        XCTAssertEqual(
            Console.safe("title \u{1B}]0;owned\u{07} and \u{1B}[2J\nnext\u{202E}line\r"),
            "title \\u{1B}]0;owned\\u{7} and \\u{1B}[2J\nnext\\u{202E}line\\u{D}")
        XCTAssertEqual(Console.safe("plain text\nsecond line\tcolumn"), "plain text\nsecond line\tcolumn")
    }
}
