import Foundation
import Hummingbird
import VisitPlannerRegister

// MARK: - Accounts (read-only list; accounts are added with `visitplan users add`)

extension WebApp {
    func addUserRoutes(to router: Router<WebContext>) {
        router.get("/users") { _, context in
            if let refused = self.refusal(.manageUsers, target: "/users", context: context) { return refused }
            let users = try self.register.users().map { u -> [String: Any] in
                [
                    "name": WebText.clean(u.name), "role": u.role.description, "manager": WebText.clean(u.managerId),
                    "created": WebText.clean(u.createdAt), "state": u.disabled ? "disabled" : "active",
                ]
            }
            return self.page("users", title: "Accounts", context: context, values: ["users": users], current: "/users")
        }
    }
}
