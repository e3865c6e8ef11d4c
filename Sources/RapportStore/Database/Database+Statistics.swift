extension Database {
    /// The connection pool's figures at this moment, for `/metrics`.
    public var poolStatistics: PoolStatistics { pool.statistics }
}

/// How busy a connection pool is.
public struct PoolStatistics: Sendable {
    public var inUse: Int
    public var idle: Int
    /// Callers waiting for a connection now.
    public var waiting: Int
    /// Callers that ever had to wait, since the pool opened.
    public var waitsTotal: Int
}
