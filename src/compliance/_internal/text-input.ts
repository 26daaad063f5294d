/**
 * List content arrives as a string or as raw bytes (the CLI and hosts read files; this module
 * never does). Bytes are UTF-8, or Windows-1252 for the older OFAC exports.
 * @internal
 */

/** Decodes list content: a string as is, bytes as UTF-8 with a Windows-1252 fallback. */
export function decodeText(content: string | Uint8Array): string {
  if (typeof content === 'string') return content;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return new TextDecoder('windows-1252').decode(content);
  }
}
