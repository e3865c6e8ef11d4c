import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import RapportKit

/// The one stylesheet, the one script and the icon sprite every page loads: a few kilobytes, no build step,
/// cached by browsers until they change (the URL carries their digest).
enum Assets {
    /// Every page's styles: the design system first, then each domain's own. A domain
    /// with styles of its own adds one line here.
    static let css = [
        DesignTokens.styles, BaseStyles.css, LayoutStyles.css, ComponentStyles.css, TypeaheadScript.css, SalesStyles.css, HomeStyles.css, AttachmentStyles.css, BoardStyles.css,
        QuoteBuilderStyles.css, DataStyles.css, ReportStyles.css, InlineEditScript.css, TimelineScript.css,
        ServiceStyles.css, PortalTemplates.css, NPSTemplates.css, PartnerTemplates.css,
    ].joined()

    static let js = [ShellScripts.js, RecordScripts.js, TypeaheadScript.js, HomeStyles.js, BoardStyles.js,
        QuoteBuilderStyles.js, InlineEditScript.js, TimelineScript.js, ServiceScripts.js].joined()

    static let cssPath = "/assets/app-\(digest(css)).css"
    static let jsPath = "/assets/app-\(digest(js)).js"
    static let iconsPath = "/assets/icons-\(digest(Icons.sprite)).svg"
    static let faviconPath = "/assets/favicon-\(digest(Icons.favicon)).svg"

    static func digest(_ text: String) -> String {
        String(Hex.encode(SHA256.hash(data: Data(text.utf8))).prefix(12))
    }

    static func register(on router: Router<AppRequestContext>) {
        router.get(RouterPath(stringLiteral: String(cssPath.dropFirst()))) { _, _ in serve(css, type: "text/css; charset=utf-8") }
        router.get(RouterPath(stringLiteral: String(jsPath.dropFirst()))) { _, _ in serve(js, type: "text/javascript; charset=utf-8") }
        router.get(RouterPath(stringLiteral: String(iconsPath.dropFirst()))) { _, _ in serve(Icons.sprite, type: "image/svg+xml") }
        router.get(RouterPath(stringLiteral: String(faviconPath.dropFirst()))) { _, _ in serve(Icons.favicon, type: "image/svg+xml") }
        router.get("favicon.ico") { _, _ in serve(Icons.favicon, type: "image/svg+xml") }
    }

    static func serve(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=31536000, immutable"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
