import Foundation
import RapportKit
import RapportMail

/// Inviting a person at a partner: whoever may change the partnership gives them an account
/// with the `partner` role (or finds the partner account they have), links it to the
/// partnership and sends a week-long link to set their password, in their language. Without
/// mail set up, the link comes back to the inviter to pass on.
public struct PartnerInvitations: Sendable {
    public struct Outcome: Sendable {
        public var link: PartnerUsers.Link
        public var mailed: Bool
        /// The set-password path, only when it was not mailed.
        public var setPasswordPath: String?
    }

    let store: RecordStore
    let admin: AccessAdmin
    static let lifetime: TimeInterval = 7 * 86_400

    public init(store: RecordStore, admin: AccessAdmin) {
        self.store = store
        self.admin = admin
    }

    public func invite(partnershipID: String, _ body: JSONObject, actor: Actor) async throws -> Outcome {
        let partnership = try await PartnerUsers(store: store).partnership(partnershipID, actor: actor)
        var errors: [FieldError] = []
        for key in body.keys where !["email", "name", "language"].contains(key) {
            errors.append(FieldError(field: key, code: "unknown_field", message: "An invitation has email, name and language."))
        }
        guard errors.isEmpty else { throw RecordError.invalid(errors) }
        let user: User
        if let email = body["email"]?.stringValue.flatMap(Email.normalize), let existing = try await admin.user(email: email) {
            user = existing
        } else {
            var fields = body
            fields["role"] = .string("partner")
            user = try await admin.addUser(fields, actor: actor)
        }
        let link = try await PartnerUsers(store: store).link(partnershipID: partnershipID, userID: user.id, actor: actor)
        let secret = try await PasswordResets(admin: admin).create(email: user.email, actor: actor, lifetime: Self.lifetime)
        let path = "/reset/\(secret)"
        let inviter = try await actor.userID.asyncMap { try await admin.user(id: $0)?.name } ?? nil
        let mailed = try await store.db.transaction { s -> Bool in
            guard let base = try await SatisfactionSurveys.settings(s).publicURL, try await MailSettingsStore.settings(s) != nil,
                  MailAddress(name: user.name, address: user.email).isSendable else { return false }
            let mail = PartnerInvitationMail(language: user.language, inviter: inviter ?? "Rapport",
                                             partnership: partnership.fields["name"]?.stringValue ?? "", link: base + path)
            var draft = MailOutbox.Draft(to: [MailAddress(name: user.name, address: user.email)], subject: mail.subject, text: mail.text,
                                         links: [(Partnerships.type.name, partnershipID)])
            draft.headers = [("Auto-Submitted", "auto-generated")]
            _ = try await MailOutbox(db: store.db, cipher: nil).enqueue(in: s, draft, actor: actor)
            return true
        }
        return Outcome(link: link, mailed: mailed, setPasswordPath: mailed ? nil : path)
    }
}
