import MimeNode from 'nodemailer/lib/mime-node';
import * as base64 from 'nodemailer/lib/base64';
import * as qp from 'nodemailer/lib/qp';

/** What MimeNode keeps to itself that decides whether its output can be written here. */
interface MimeNodeInternals {
  _raw?: unknown;
  _transforms?: unknown[];
  _processFuncs?: unknown[];
}

// nodemailer's own line length for both encoders.
const LINE_LENGTH = 76;
// nodemailer's qp.Encoder encodes its input this many bytes at a time, and its wrapping depends on
// where those slices end; a body beyond one slice is left to nodemailer rather than imitated.
const QP_SLICE_SIZE = 64 * 1024;

/**
 * The message a compiled MimeNode tree streams through `build()`, written in one pass: the same
 * headers (the node's own buildHeaders), bodies encoded with nodemailer's base64 and
 * quoted-printable functions exactly as its stream encoders cut them, the same boundaries and the
 * same final line break. `build()` pipes every node through a chain of small stream transforms,
 * which was most of the CPU a reminder fan-out spent per message (bench:fanout).
 *
 * Null for a tree it does not write the same way, for `build()` to do: content streamed or read
 * from a file or URL, raw parts, transforms, newline conversion, binary quoted-printable, or a
 * quoted-printable body longer than one encoder slice.
 */
export function mimeBytes(root: MimeNode): Buffer | null {
  const encodings = new Map<MimeNode, string | false>();
  if (!writable(root, true, encodings)) return null;
  const parts: Array<string | Buffer> = [];
  writeNode(root, encodings, parts);
  // Parts are never empty (see writeNode), so the last one holds the message's last byte.
  const last = parts[parts.length - 1];
  const lastByte = typeof last === 'string' ? last.charCodeAt(last.length - 1) : last[last.length - 1];
  if (lastByte === 0x0d) parts.push('\n');
  else if (lastByte !== 0x0a) parts.push('\r\n');
  return join(parts);
}

/**
 * Whether this node and those below it can be written here, checked before any header is built
 * so the fallback starts from an untouched tree; records each node's transfer encoding, which
 * reads a text body through once more each time it is asked.
 */
function writable(node: MimeNode, isRoot: boolean, encodings: Map<MimeNode, string | false>): boolean {
  const internals = node as MimeNode & MimeNodeInternals;
  if (internals._raw || internals._transforms?.length || internals._processFuncs?.length) return false;
  if (isRoot && node.newline) return false;
  const { content } = node;
  if (content && typeof content !== 'string' && !Buffer.isBuffer(content)) return false;
  const transferEncoding = node.getTransferEncoding();
  if (content && transferEncoding === 'quoted-printable') {
    const contentType = (node.getHeader('Content-Type') ?? '').toString();
    if (!/^text\//i.test(contentType) || Buffer.byteLength(content) > QP_SLICE_SIZE) return false;
  }
  encodings.set(node, transferEncoding);
  return node.childNodes.every((child) => writable(child, false, encodings));
}

/** MimeNode.stream's order: headers, the content, then each child between boundaries. */
function writeNode(node: MimeNode, encodings: Map<MimeNode, string | false>, parts: Array<string | Buffer>): void {
  const transferEncoding = encodings.get(node);
  parts.push(node.buildHeaders() + '\r\n\r\n');
  const content = node.content as string | Buffer | undefined;
  if (content) {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    const body =
      transferEncoding === 'base64'
        ? base64.wrap(base64.encode(bytes), LINE_LENGTH)
        : transferEncoding === 'quoted-printable'
          ? quotedPrintable(bytes)
          : bytes;
    if (body.length > 0) parts.push(body);
  }
  if (!node.multipart) return;
  node.childNodes.forEach((child, i) => {
    parts.push((i > 0 ? '\r\n' : '') + '--' + node.boundary + '\r\n');
    writeNode(child, encodings, parts);
  });
  parts.push('\r\n--' + node.boundary + '--\r\n');
}

/**
 * qp.Encoder's output for text of one slice: it holds back the whitespace the input ends with
 * (whether it is encoded depends on what follows) and encodes it at the end, wrapping again from
 * the line it kept open; the result can differ from wrapping the whole encoding at once.
 */
function quotedPrintable(bytes: Buffer): string {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end--;
  const pieces = [qp.encode(bytes.subarray(0, end))];
  if (end < bytes.length) pieces.push(qp.encode(bytes.subarray(end)));
  let output = '';
  let openLine = '';
  for (const piece of pieces) {
    const wrapped = qp.wrap(openLine + piece, LINE_LENGTH);
    const lastBreak = wrapped.lastIndexOf('\n');
    output += wrapped.substring(0, lastBreak + 1);
    openLine = wrapped.substring(lastBreak + 1);
  }
  return output + openLine;
}

function join(parts: Array<string | Buffer>): Buffer {
  let length = 0;
  for (const part of parts) length += typeof part === 'string' ? Buffer.byteLength(part) : part.length;
  const bytes = Buffer.allocUnsafe(length);
  let at = 0;
  for (const part of parts) at += typeof part === 'string' ? bytes.write(part, at) : part.copy(bytes, at);
  return bytes;
}
