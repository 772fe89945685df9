import Foundation
import Hummingbird
import VisitPlannerRegister

// MARK: - Accounts: the list, and adding one in the browser

extension WebApp {
    func addUserRoutes(to router: Router<WebContext>) {
        router.get("/users") { _, context in
            if let refused = self.refusal(.manageUsers, target: "/users", context: context) { return refused }
            return try self.usersPage(context: context)
        }
        router.post("/users/add") { _, context in
            if let refused = self.refusal(.manageUsers, target: "/users/add", context: context) { return refused }
            guard let admin = context.user else { return Response.redirect(to: "/login") }
            let entered = AccountForm(context.form)
            guard let role = UserRole(reading: entered.role) else {
                let roles = UserRole.allCases.map(\.rawValue).joined(separator: ", ")
                return try self.usersPage(
                    context: context, form: entered, status: .unprocessableContent,
                    error: "Role: expected one of \(roles), found \"\(entered.role)\".")
            }
            // The rules are the register's (the same as `visitplan users add`); the password is
            // generated as `--generate` does, hashed at once and shown only in this answer.
            let password = Passwords.generate()
            let user = RegisterUser(
                name: entered.name, role: role, managerId: entered.manager.isEmpty ? nil : entered.manager,
                passwordHash: Self.hashPassword(password, cost: self.configuration.bcryptCost))
            let added: RegisterUser
            do {
                added = try self.register.addUser(user, by: try self.actor(for: admin))
            } catch let error as RegisterError {
                return try self.usersPage(context: context, form: entered, status: .unprocessableContent, error: error.description + ".")
            }
            let manager = added.managerId.map { ", manager \($0)" } ?? ""
            return try self.usersPage(
                context: context, password: (added.name, password), notice: "Added \(added.name) (\(added.role)\(manager)).")
        }
        router.post("/users/state") { _, context in
            if let refused = self.refusal(.manageUsers, target: "/users/state", context: context) { return refused }
            guard let admin = context.user else { return Response.redirect(to: "/login") }
            let name = context.form["name"] ?? ""
            let disable: Bool
            switch context.form["state"] {
            case "disabled": disable = true
            case "active": disable = false
            default:
                return try self.usersPage(context: context, status: .unprocessableContent, error: "State: expected active or disabled.")
            }
            do {
                let user = try self.register.setDisabled(name, disable, by: try self.actor(for: admin))
                return try self.usersPage(context: context, notice: "\(user.name) is \(user.disabled ? "disabled" : "active").")
            } catch let error as RegisterError {
                return try self.usersPage(context: context, status: .unprocessableContent, error: error.description + ".")
            }
        }
        router.post("/users/password") { _, context in
            if let refused = self.refusal(.manageUsers, target: "/users/password", context: context) { return refused }
            guard let admin = context.user else { return Response.redirect(to: "/login") }
            // Generated, hashed at once and shown only in this answer, as for a new account.
            let password = Passwords.generate()
            do {
                let user = try self.register.resetPassword(
                    context.form["name"] ?? "", hash: Self.hashPassword(password, cost: self.configuration.bcryptCost),
                    by: try self.actor(for: admin))
                return try self.usersPage(
                    context: context, password: (user.name, password),
                    notice: "New password for \(user.name); the sessions opened with the old one have ended.")
            } catch let error as RegisterError {
                return try self.usersPage(context: context, status: .unprocessableContent, error: error.description + ".")
            }
        }
    }

    /// The accounts page: the list and the form to add one (with what was typed, after a refusal).
    func usersPage(
        context: WebContext, form: AccountForm = AccountForm([:]), password: (String, String)? = nil, status: HTTPResponse.Status = .ok,
        notice: String? = nil, error: String? = nil
    ) throws -> Response {
        let users = try register.users().map { u -> [String: Any] in
            [
                "name": WebText.clean(u.name), "role": u.role.description, "manager": WebText.clean(u.managerId),
                "created": WebText.clean(u.createdAt), "state": u.disabled ? "disabled" : "active",
                "toggle": u.disabled ? "active" : "disabled", "toggleLabel": u.disabled ? "Enable" : "Disable",
            ]
        }
        var values: [String: Any] = [
            "users": users, "enteredName": WebText.clean(form.name), "enteredManager": WebText.clean(form.manager),
            "roles": UserRole.allCases.map { r -> [String: Any] in
                ["value": r.rawValue, "label": r.description, "selected": UserRole(reading: form.role) == r]
            },
        ]
        if let password { values["generated"] = ["name": WebText.clean(password.0), "password": password.1] }
        return page(
            "users", title: "Accounts", context: context, values: values, status: status, current: "/users", notice: notice, error: error)
    }
}

/// The fields of the add-account form, as typed.
struct AccountForm {
    var name: String
    var role: String
    var manager: String

    init(_ form: [String: String]) {
        name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        role = form["role"] ?? ""
        manager = (form["manager"] ?? "").trimmingCharacters(in: .whitespaces)
    }
}
