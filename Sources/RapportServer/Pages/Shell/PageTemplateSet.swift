/// One domain's Mustache templates, by name. Each domain keeps its templates beside its
/// pages and registers them in `PageRenderer.templateSets`; a name used twice is a test
/// failure rather than one page silently replacing another.
protocol PageTemplateSet {
    static var all: [String: String] { get }
}
