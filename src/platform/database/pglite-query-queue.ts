import type { PGlite } from '@electric-sql/pglite';

const SYNC = 0x53; // 'S': ends an extended-protocol exchange
const QUERY = 0x51; // 'Q': a whole simple-protocol exchange
const TERMINATE = 0x58; // 'X'
const STARTUP = 0x00; // startup packets have no type byte; their length starts with 0

interface Pending {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Feeds the protocol messages of many client connections into PGlite's one
 * session. pglite-socket's own queue interleaves connections message by
 * message, so one client's Parse can land between another's Parse and Bind
 * ("unnamed prepared statement does not exist") when pools run queries
 * concurrently. Here a connection keeps the session from its first message
 * until its exchange ends (Sync or a simple Query) and no transaction is open.
 */
export class PGliteQueryQueue {
  private readonly pending: Pending[] = [];
  private holder: number | null = null;
  private pumping = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ handlerId, message, onData, resolve, reject });
      void this.pump();
    });
  }

  getQueueLength(): number {
    return this.pending.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      if (this.pending[i].handlerId === handlerId) {
        this.pending[i].reject(new Error('connection closed'));
        this.pending.splice(i, 1);
      }
    }
  }

  /** A client that disconnects mid-exchange must not keep the session locked. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.holder !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.holder = null;
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const index =
          this.holder === null ? (this.pending.length > 0 ? 0 : -1) : this.pending.findIndex((p) => p.handlerId === this.holder);
        if (index === -1) return;
        const [item] = this.pending.splice(index, 1);
        this.holder = item.handlerId;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          this.holder = this.db.isInTransaction() ? item.handlerId : null;
          item.reject(error);
          continue;
        }
        const type = item.message[0];
        const exchangeEnded = type === SYNC || type === QUERY || type === TERMINATE || type === STARTUP;
        if (exchangeEnded && !this.db.isInTransaction()) this.holder = null;
        item.resolve(bytes);
      }
    } finally {
      this.pumping = false;
    }
  }
}
