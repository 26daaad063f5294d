/**
 * Loads an optional peer dependency (a broker client) on first use, or fails with a typed error that
 * names the package to install (STYLE.md §5.3, as unstorage's `importLib`).
 * @internal
 */
import { TransportError, TransportErrorCodes } from '../../pipeline/index';

/**
 * Runs `loader` (a literal `import('pkg')`, so bundlers keep it external) and maps a missing module to
 * `TRANSPORT_MISSING_DEPENDENCY`.
 * @internal
 */
export async function loadOptional<T>(
  packageName: string,
  adapter: string,
  loader: () => Promise<T>,
): Promise<T> {
  try {
    return await loader();
  } catch (cause) {
    const code = (cause as { code?: unknown } | undefined)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new TransportError(
        TransportErrorCodes.MISSING_DEPENDENCY,
        `[deltran] the ${adapter} transport needs the optional peer dependency "${packageName}": npm install ${packageName} (or pass it as the "lib" option)`,
        { cause },
      );
    }
    throw cause;
  }
}
