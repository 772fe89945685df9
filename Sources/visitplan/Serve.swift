import ArgumentParser
import Foundation
import Logging
import VisitPlannerCore
import VisitPlannerRegister
import VisitPlannerWeb

extension VisitPlan {
    /// `visitplan serve`: the web application over the same data folder and register.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the web application (log in with an account made by `visitplan users add`).",
            discussion: """
                Listens on 127.0.0.1:8080 by default, reachable only from this machine. Another address needs \
                --allow-remote, and the server must then sit behind HTTPS (a reverse proxy); say so with \
                --behind-https, which marks the session cookie Secure. Stop with Ctrl-C.
                """)

        @OptionGroup var options: WebOptions

        @Option(help: "Folder where plans run from the web are written, and downloads are served from.")
        var reports: String = "Reports"

        @Option(help: "Address to listen on.")
        var host: String = "127.0.0.1"

        @Option(help: "Port to listen on.")
        var port: Int = 8080

        @Flag(help: "Allow an address other than loopback (then put the server behind HTTPS).")
        var allowRemote = false

        @Flag(help: "The server is reached through HTTPS: session cookies are marked Secure.")
        var behindHttps = false

        static let loopback: Set<String> = ["127.0.0.1", "::1", "localhost"]

        func validate() throws {
            guard (1...65_535).contains(port) else { throw ValidationError("--port: expected 1 to 65535") }
            if !Self.loopback.contains(host) && !allowRemote {
                throw ValidationError(
                    "--host \(host) is reachable from other machines; add --allow-remote, and put the server behind HTTPS")
            }
        }

        func run() throws {
            let register = try options.open()
            if try register.users().isEmpty {
                Console.error(
                    "No account exists yet: create one with `visitplan users add NAME --role administrator` (no default account exists).")
            }
            var logger = Logger(label: "visitplan.web")
            logger.logLevel = .info
            let configuration = WebConfiguration(
                dataFolder: options.dataURL, registerURL: register.url, reportsFolder: URL(fileURLWithPath: reports, isDirectory: true),
                secureCookies: behindHttps)
            let web = try WebApp(configuration: configuration, register: register, logger: logger)
            if !Self.loopback.contains(host) {
                Console.out(
                    "Listening on \(host):\(port), reachable from other machines: it must sit behind HTTPS (a reverse proxy)"
                        + (behindHttps ? "." : "; start it with --behind-https once it does."))
            }
            Console.out(
                "VisitPlanner on http://\(host.contains(":") ? "[\(host)]" : host):\(port)/ (register \(register.url.path)); Ctrl-C stops it."
            )
            let outcome = ServeOutcome()
            let done = DispatchSemaphore(value: 0)
            let app = web.application(host: host, port: port)
            Task.detached {
                do { try await app.runService() } catch { outcome.set(error) }
                done.signal()
            }
            done.wait()
            if let error = outcome.error { throw CommandFailure(.failed, "the server stopped: \(error)") }
        }
    }
}

/// The error the server stopped with, handed from its task to the command.
final class ServeOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    var error: Error? { lock.withLock { stored } }
    func set(_ error: Error) { lock.withLock { stored = error } }
}
