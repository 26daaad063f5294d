/**
 * Loader for DelTran's JSON list format, for a bank's own internal watch lists.
 * @packageDocumentation
 */
import * as z from 'zod';
import type { Issue } from '../index';
import { countryCode } from './_internal/countries';
import { parsePartialDate } from './_internal/dates';
import { decodeText } from './_internal/text-input';
import { ComplianceErrorCodes, InvalidListError } from './errors';
import type { ListEntry, SanctionsList } from './types';

const nameSchema = z.union([
  z.string().min(1),
  z.strictObject({
    name: z.string().min(1),
    type: z.enum(['primary', 'aka', 'fka', 'nka', 'weak-aka', 'original-script']).optional(),
  }),
]);

/**
 * zod schema of the JSON list format:
 * ```json
 * { "name": "Internal watch list",
 *   "entries": [ { "id": "42", "kind": "person", "names": ["Jane Doe", { "name": "J. Doe", "type": "aka" }],
 *                  "countries": ["GB"], "datesOfBirth": ["1970-01-31"],
 *                  "identifiers": [{ "type": "IBAN", "value": "GB82WEST12345698765432" }],
 *                  "programs": ["FRAUD"], "remarks": "…" } ] }
 * ```
 * Only `entries[].id` and `entries[].names` are required; the first name is the primary one.
 * @public
 */
export const JsonListSchema: z.ZodType<JsonList> = z.strictObject({
  name: z.string().min(1).optional(),
  entries: z.array(
    z.strictObject({
      id: z.string().min(1),
      kind: z.enum(['person', 'organization', 'vessel', 'aircraft', 'unknown']).optional(),
      names: z.array(nameSchema).min(1),
      programs: z.array(z.string()).optional(),
      countries: z
        .array(z.string().refine((c) => countryCode(c) !== undefined, 'expected an ISO 3166-1 country'))
        .optional(),
      datesOfBirth: z
        .array(
          z.string().refine((d) => parsePartialDate(d) !== undefined, 'expected YYYY, YYYY-MM or YYYY-MM-DD'),
        )
        .optional(),
      identifiers: z
        .array(
          z.strictObject({
            type: z.enum([
              'BIC',
              'IBAN',
              'LEI',
              'IMO',
              'MMSI',
              'passport',
              'national-id',
              'tax-id',
              'registration',
              'digital-currency-address',
              'email',
              'other',
            ]),
            value: z.string().min(1),
            country: z.string().optional(),
          }),
        )
        .optional(),
      remarks: z.string().optional(),
    }),
  ),
});

/** The JSON list format (see {@link JsonListSchema}). @public */
export interface JsonList {
  readonly name?: string | undefined;
  readonly entries: readonly {
    readonly id: string;
    readonly kind?: 'person' | 'organization' | 'vessel' | 'aircraft' | 'unknown' | undefined;
    readonly names: readonly (
      | string
      | { readonly name: string; readonly type?: ListEntry['names'][number]['type'] | undefined }
    )[];
    readonly programs?: readonly string[] | undefined;
    readonly countries?: readonly string[] | undefined;
    readonly datesOfBirth?: readonly string[] | undefined;
    readonly identifiers?:
      | readonly {
          readonly type: ListEntry['identifiers'][number]['type'];
          readonly value: string;
          readonly country?: string | undefined;
        }[]
      | undefined;
    readonly remarks?: string | undefined;
  }[];
}

/** Options of {@link loadJsonList}. @public */
export interface LoadJsonListOptions {
  /** List name when the document has none. @defaultValue 'internal' */
  readonly name?: string;
  /** Prefix of entry ids (`<prefix>:<id>`). @defaultValue 'internal' */
  readonly idPrefix?: string;
}

/**
 * Loads a list in DelTran's JSON list format (see {@link JsonListSchema}).
 * @param content - JSON text, UTF-8 bytes, or an already parsed object
 * @param options - list name and id prefix
 * @returns the list
 * @throws {@link InvalidListError} (`COMPLIANCE_INVALID_LIST`) listing every problem with its path,
 *   or (`COMPLIANCE_DUPLICATE_ENTRY`) when two entries share an id
 * @public
 */
export function loadJsonList(
  content: string | Uint8Array | object,
  options: LoadJsonListOptions = {},
): SanctionsList {
  let input: unknown = content;
  if (typeof content === 'string' || content instanceof Uint8Array) {
    try {
      input = JSON.parse(decodeText(content));
    } catch (cause) {
      throw new InvalidListError(
        ComplianceErrorCodes.INVALID_LIST,
        '[deltran] loadJsonList: content is not JSON',
        {
          cause,
        },
      );
    }
  }
  const result = JsonListSchema.safeParse(input);
  if (!result.success) {
    const issues: Issue[] = result.error.issues.map((issue) => ({
      code: ComplianceErrorCodes.INVALID_LIST,
      path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
      message: issue.message,
    }));
    const summary = issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new InvalidListError(ComplianceErrorCodes.INVALID_LIST, `[deltran] loadJsonList: ${summary}`, {
      path: issues[0]?.path ?? [],
      issues,
      cause: result.error,
    });
  }
  const doc = result.data;
  const name = doc.name ?? options.name ?? 'internal';
  const prefix = options.idPrefix ?? 'internal';
  const seen = new Set<string>();
  const entries: ListEntry[] = doc.entries.map((e, index) => {
    if (seen.has(e.id)) {
      throw new InvalidListError(
        ComplianceErrorCodes.DUPLICATE_ENTRY,
        `[deltran] loadJsonList: duplicate id "${e.id}"`,
        {
          path: ['entries', index, 'id'],
        },
      );
    }
    seen.add(e.id);
    return {
      id: `${prefix}:${e.id}`,
      list: name,
      kind: e.kind ?? 'unknown',
      names: e.names.map((n, k) =>
        typeof n === 'string'
          ? { name: n, type: k === 0 ? 'primary' : 'aka' }
          : { name: n.name, type: n.type ?? (k === 0 ? 'primary' : 'aka') },
      ),
      programs: e.programs ?? [],
      countries: (e.countries ?? []).map((c) => countryCode(c)!),
      datesOfBirth: (e.datesOfBirth ?? []).map((d) => parsePartialDate(d)!),
      identifiers: (e.identifiers ?? []).map((i) => {
        const country = i.country === undefined ? undefined : countryCode(i.country);
        return country === undefined
          ? { type: i.type, value: i.value }
          : { type: i.type, value: i.value, country };
      }),
      ...(e.remarks === undefined ? {} : { remarks: e.remarks }),
    };
  });
  return { name, entries, issues: [] };
}
