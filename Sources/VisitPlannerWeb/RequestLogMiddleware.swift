import Foundation
import Hummingbird
import Logging
import VisitPlannerCore

/// One log line per request: method, path (without the query), status and time.
///
/// Never the query, a header, a cookie or the body: that is where passwords, session ids and
/// CSRF tokens travel. The path is neutralised so a crafted URL cannot forge log lines.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let logger: Logger

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var status = 500
        defer {
            let ms = (ContinuousClock.now - start).components
            let millis = ms.seconds * 1000 + ms.attoseconds / 1_000_000_000_000_000
            logger.info(
                "\(request.method.rawValue) \(ControlCharacters.neutralized(request.uri.path)) \(status) \(millis) ms"
            )
        }
        do {
            let response = try await next(request, context)
            status = response.status.code
            return response
        } catch let error as HTTPResponseError {
            status = error.status.code
            throw error
        }
    }
}
