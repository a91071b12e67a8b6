/**
 * Where a user's realtime stream stands (decision 0020). Messages and
 * notifications are positioned by the id of the transaction that wrote them
 * (xid8). `horizon`: every event of a transaction below it has been delivered.
 * `seen`: events at or above the horizon that were delivered too (a
 * transaction below them was still running when they arrived). Resuming sends
 * every event at or above the horizon that is not in `seen`.
 */
export interface StreamPosition {
  userId: string;
  horizon: bigint;
  /** Event id → its transaction id. */
  seen: Map<string, bigint>;
}

/**
 * How many delivered-but-above-the-horizon events a cursor remembers. More
 * means a long transaction elsewhere held the horizon back; the oldest are
 * forgotten and may be sent again on resume (the client drops repeats by id).
 */
export const MAX_SEEN = 48;
const VERSION = 1;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const uuidBytes = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex');
function uuidText(bytes: Buffer) {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Moves the horizon up (never down) and forgets what it now covers. */
export function advance(position: StreamPosition, horizon: bigint) {
  if (horizon > position.horizon) position.horizon = horizon;
  for (const [id, t] of position.seen) if (t < position.horizon) position.seen.delete(id);
  if (position.seen.size > MAX_SEEN) {
    const oldest = [...position.seen].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    for (const [id] of oldest.slice(0, position.seen.size - MAX_SEEN)) position.seen.delete(id);
  }
}

/** Whether an event at transaction `t` with this id has been delivered already. */
export const delivered = (position: StreamPosition, id: string, t: bigint) =>
  t < position.horizon || position.seen.has(id);

/** An opaque, URL-safe cursor: version, user, horizon, then the seen events. */
export function encodePosition(position: StreamPosition): string {
  const seen = [...position.seen];
  const buffer = Buffer.alloc(1 + 16 + 8 + seen.length * 24);
  buffer.writeUInt8(VERSION, 0);
  uuidBytes(position.userId).copy(buffer, 1);
  buffer.writeBigUInt64BE(position.horizon, 17);
  seen.forEach(([id, t], i) => {
    const at = 25 + i * 24;
    uuidBytes(id).copy(buffer, at);
    buffer.writeBigUInt64BE(t, at + 16);
  });
  return buffer.toString('base64url');
}

/** The position a cursor names, or undefined when it is not one this API gave out. */
export function decodePosition(text: string): StreamPosition | undefined {
  if (!/^[A-Za-z0-9_-]{1,4000}$/.test(text)) return undefined;
  const buffer = Buffer.from(text, 'base64url');
  if (buffer.length < 25 || (buffer.length - 25) % 24 !== 0) return undefined;
  if (buffer.readUInt8(0) !== VERSION) return undefined;
  const count = (buffer.length - 25) / 24;
  if (count > MAX_SEEN) return undefined;
  const seen = new Map<string, bigint>();
  for (let i = 0; i < count; i++) {
    const at = 25 + i * 24;
    seen.set(uuidText(buffer.subarray(at, at + 16)), buffer.readBigUInt64BE(at + 16));
  }
  const userId = uuidText(buffer.subarray(1, 17));
  if (!UUID.test(userId)) return undefined;
  return { userId, horizon: buffer.readBigUInt64BE(17), seen };
}
