/**
 * The usage export's download, loaded on the first Export (a chunk of its own): reads the file
 * behind a signed link as a stream, reporting progress, and hands it to the browser under its name.
 * The link is the credential (no token is sent, none is in it).
 */
import { ApiError, kindForStatus } from '../../api/errors.js';
import type { Problem } from '../../api/schemas/problem.js';
import type { UsageExportFormat } from '../../api/usage-vocabulary.js';

export interface DownloadProgress {
  /** Bytes received so far. */
  bytes: number;
  /** CSV only: data rows complete so far (records end at a line feed outside quotes). */
  rows?: number;
}

const QUOTE = 0x22;
const LINE_FEED = 0x0a;

/**
 * Counts CSV records across chunks: a line feed ends a record unless it is inside a quoted field
 * (RFC 4180 doubles a quote inside one, which toggles twice and so changes nothing).
 */
export class CsvRecordCounter {
  records = 0;
  #quoted = false;

  push(chunk: Uint8Array): void {
    let quoted = this.#quoted;
    let records = this.records;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === QUOTE) quoted = !quoted;
      else if (byte === LINE_FEED && !quoted) records++;
    }
    this.#quoted = quoted;
    this.records = records;
  }
}

/** The file arrived only in part (the server failed half way, the network dropped): nothing is saved. */
export class DownloadCutShortError extends ApiError {
  constructor(cause: unknown) {
    super('network', 'The download was cut short; nothing was saved.', { cause });
  }
}

/** What the server answered instead of the file, as an ApiError of its status with its problem document. */
async function refusal(response: Response): Promise<ApiError> {
  let problem: Problem | undefined;
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object') problem = body as Problem;
  } catch {
    // Not a problem document: the status says enough.
  }
  const detail = typeof problem?.detail === 'string' ? problem.detail : `The export answered ${response.status}.`;
  return new ApiError(kindForStatus(response.status), detail, { status: response.status, problem });
}

/**
 * Fetches the export at `url`, calling `onProgress` as chunks arrive (at most once a chunk), and
 * returns it as a Blob. A refusal (expired or tampered link, a problem on the server) and a stream
 * cut short (the server failed half way, the network dropped) reject with an ApiError: nothing is
 * saved then, so a half file is never taken for the whole.
 */
export async function downloadExport(
  url: string,
  format: UsageExportFormat,
  { signal, onProgress }: { signal: AbortSignal; onProgress: (progress: DownloadProgress) => void },
): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(url, { signal, credentials: 'omit', cache: 'no-store' });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError('network', 'The export could not be downloaded: the connection failed.', { cause: error });
  }
  if (!response.ok) throw await refusal(response);
  if (!response.body) return response.blob();
  const counter = format === 'csv' ? new CsvRecordCounter() : undefined;
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.byteLength;
      counter?.push(value);
      // The header line is a record too.
      onProgress({ bytes, rows: counter ? Math.max(0, counter.records - 1) : undefined });
    }
  } catch (error) {
    if (signal.aborted) throw error;
    throw new DownloadCutShortError(error);
  }
  return new Blob(chunks as BlobPart[], { type: response.headers.get('Content-Type') ?? 'application/octet-stream' });
}

/**
 * Offers `blob` as a download named `filename`, through a link in `root` (a shadow root: the host
 * page's click handlers never see it); the object URL is revoked once the browser has it.
 */
export function saveBlob(blob: Blob, filename: string, root: ShadowRoot | HTMLElement | DocumentFragment): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  root.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
