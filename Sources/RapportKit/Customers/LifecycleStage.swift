/// The marketing-to-sales lifecycle shared by people and organizations, in funnel order.
public enum LifecycleStage {
    public static let all = ["subscriber", "lead", "mql", "sql", "opportunity", "customer", "evangelist", "other"]
}
