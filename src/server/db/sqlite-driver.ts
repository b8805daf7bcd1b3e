import {
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  SqliteDialect,
  type SqliteDialectConfig,
  type TransactionSettings,
} from "kysely";

/** Something that runs beside the connection for as long as it is open (the WAL checkpointer). */
export interface Companion {
  stop(): Promise<void>;
}

/**
 * Kysely's SQLite driver with a queue in front of its one connection.
 *
 * SQLite has one connection here, so every query waits for it. Kysely's own driver lets its waiters share one
 * promise: each release wakes all of them, one takes the connection and the rest wait again. Under load that is
 * quadratic (fifty dashboard requests of ten queries each keep about 500 waiters, each woken once per query). Here
 * the waiters stand in line and a release hands the connection to the first of them alone; queries still run one
 * at a time, in the order they asked, and a transaction holds the connection from its begin to its end.
 */
export class QueuedSqliteDialect extends SqliteDialect {
  /**
   * `companion` starts with the connection (when Kysely first uses it) and is stopped after it has closed;
   * `Kysely.destroy()` waits for that. A Kysely that never ran a query has nothing to stop.
   */
  constructor(
    config: SqliteDialectConfig,
    private readonly companion?: () => Companion | null,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new QueuedDriver(super.createDriver(), this.companion);
  }
}

class QueuedDriver implements Driver {
  /** Whether a caller holds the connection (it is handed from one to the next without being free between). */
  private held = false;
  private readonly waiting: (() => void)[] = [];

  private started: Companion | null = null;

  constructor(
    private readonly inner: Driver,
    private readonly companion?: () => Companion | null,
  ) {}

  async init(): Promise<void> {
    await this.inner.init();
    this.started = this.companion?.() ?? null;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.held) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.held = true;
    // The inner driver's own lock is free now: only the holder gets this far.
    return this.inner.acquireConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.inner.releaseConnection(connection);
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]) {
    await this.inner.savepoint?.(connection, name, compile);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler["compileQuery"],
  ) {
    await this.inner.rollbackToSavepoint?.(connection, name, compile);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler["compileQuery"],
  ) {
    await this.inner.releaseSavepoint?.(connection, name, compile);
  }

  async destroy(): Promise<void> {
    await this.inner.destroy();
    await this.started?.stop();
    this.started = null;
  }
}
