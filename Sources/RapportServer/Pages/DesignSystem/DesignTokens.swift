/// The design system's tokens: colours for the light and the dark theme, the type scale and
/// the spacing steps. Colours are data rather than CSS text so a test can measure every
/// text colour against every background it is used on (WCAG 4.5:1), in both themes.
enum DesignTokens {
    /// Colour roles. Text roles (`ink`, `muted`, `accent`, `bad`, `ok`, `warn`) are read on
    /// `bg`, `surface` and `soft`; `on-accent` is read on `accent`; `line` only draws edges.
    static let light: [(String, String)] = [
        ("bg", "#f4f5f8"), ("surface", "#ffffff"), ("soft", "#eceff5"), ("line", "#d3d8e2"), ("field-edge", "#7a8396"),
        ("ink", "#1a2130"), ("muted", "#4c5568"), ("accent", "#2050c8"), ("on-accent", "#ffffff"),
        ("accent-soft", "#e4ebfb"), ("bad", "#b3261e"), ("ok", "#1a6a3a"), ("warn", "#8a4f00"), ("focus", "#f0a500"),
    ]

    static let dark: [(String, String)] = [
        ("bg", "#0e131d"), ("surface", "#161d2a"), ("soft", "#1f2738"), ("line", "#2e3850"), ("field-edge", "#7f8aa3"),
        ("ink", "#e7eaf1"), ("muted", "#a6afc2"), ("accent", "#8fb0ff"), ("on-accent", "#0b1020"),
        ("accent-soft", "#1d2a4a"), ("bad", "#ff8f85"), ("ok", "#72d69d"), ("warn", "#f2c36b"), ("focus", "#f0a500"),
    ]

    /// Avatar backgrounds (white initials on each), chosen per record by `Initials.colorIndex`.
    static let avatars = ["#2f5dc6", "#0f7a6c", "#8a3fb0", "#b5400f", "#3d6b1f", "#a3245a", "#5a5f73", "#1d6f9e"]

    static let textRoles = ["ink", "muted", "accent", "bad", "ok", "warn"]
    static let backgroundRoles = ["bg", "surface", "soft"]

    static func css(_ colors: [(String, String)]) -> String {
        colors.map { "--\($0.0): \($0.1);" }.joined(separator: " ")
    }

    /// Light by default, dark when the system asks for it, and either when the user chose
    /// one with the switch (`data-theme` on `<html>`, kept in a cookie).
    static let styles = """
        :root { color-scheme: light; \(css(light))
          --fs-xs: .8125rem; --fs-sm: .875rem; --fs-md: 1rem; --fs-lg: 1.25rem; --fs-xl: 1.5rem;
          --sp-1: 4px; --sp-2: 8px; --sp-3: 12px; --sp-4: 16px; --sp-5: 24px; --sp-6: 32px;
          --radius: 8px; --shadow: 0 1px 2px rgba(16,24,40,.06), 0 1px 3px rgba(16,24,40,.08); --sidebar: 232px; }
        @media (prefers-color-scheme: dark) { :root:not([data-theme=light]) { color-scheme: dark; \(css(dark)) --shadow: none; } }
        :root[data-theme=dark] { color-scheme: dark; \(css(dark)) --shadow: none; }
        \(avatars.enumerated().map { ".avatar.c\($0.offset) { background: \($0.element); }" }.joined(separator: " "))

        """
}
