/**
 * The message versions the parsers read.
 * @packageDocumentation
 */
import { supportedVersions } from './_internal/envelope';

/**
 * Every message identifier {@link parseMessage} reads, such as `pacs.008.001.08`: pain.001 .03 – .12,
 * pacs.008 .01 – .13, pacs.009 .01 – .11, pacs.002 .03 – .14, camt.052 / camt.053 / camt.054 .02 – .13.
 * Versions outside these ranges fail with `ISO20022_UNSUPPORTED_VERSION`.
 * @public
 */
export const SUPPORTED_VERSIONS: readonly string[] = Object.freeze(supportedVersions());
