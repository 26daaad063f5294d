/**
 * Country names → ISO 3166-1 alpha-2 codes, for list data (OFAC addresses and remarks, UN
 * nationalities) and for subjects given with country names. English and native names come from
 * `countries-list`; the supplement adds the forms sanctions lists print that it lacks.
 * @internal
 */
import { countries } from 'countries-list';
import { isCountryCode } from '../../index';
import { toUpperAscii } from './fold';

/** Forms used by OFAC and the UN that `countries-list` does not carry, and demonyms. */
const SUPPLEMENT: Readonly<Record<string, string>> = {
  SYRIA: 'SY',
  'SYRIAN ARAB REPUBLIC': 'SY',
  'KOREA NORTH': 'KP',
  'NORTH KOREA': 'KP',
  DPRK: 'KP',
  'DEMOCRATIC PEOPLES REPUBLIC OF KOREA': 'KP',
  'KOREA SOUTH': 'KR',
  'SOUTH KOREA': 'KR',
  'REPUBLIC OF KOREA': 'KR',
  BURMA: 'MM',
  LAOS: 'LA',
  'LAO PEOPLES DEMOCRATIC REPUBLIC': 'LA',
  BRUNEI: 'BN',
  'EAST TIMOR': 'TL',
  'CONGO DEMOCRATIC REPUBLIC OF THE': 'CD',
  'DEMOCRATIC REPUBLIC OF THE CONGO': 'CD',
  'CONGO REPUBLIC OF THE': 'CG',
  'REPUBLIC OF THE CONGO': 'CG',
  'IRAN ISLAMIC REPUBLIC OF': 'IR',
  'UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND': 'GB',
  'UNITED KINGDOM': 'GB',
  UK: 'GB',
  'GREAT BRITAIN': 'GB',
  'UNITED STATES OF AMERICA': 'US',
  USA: 'US',
  'RUSSIAN FEDERATION': 'RU',
  RUSSIA: 'RU',
  'MOLDOVA REPUBLIC OF': 'MD',
  'REPUBLIC OF MOLDOVA': 'MD',
  MOLDOVA: 'MD',
  'NORTH MACEDONIA THE REPUBLIC OF': 'MK',
  'COTE D IVOIRE': 'CI',
  'COTE DIVOIRE': 'CI',
  'IVORY COAST': 'CI',
  'WEST BANK': 'PS',
  GAZA: 'PS',
  'GAZA STRIP': 'PS',
  PALESTINIAN: 'PS',
  'PALESTINIAN TERRITORIES': 'PS',
  'STATE OF PALESTINE': 'PS',
  MACAU: 'MO',
  MACAO: 'MO',
  'HONG KONG': 'HK',
  'TAIWAN PROVINCE OF CHINA': 'TW',
  'VENEZUELA BOLIVARIAN REPUBLIC OF': 'VE',
  'BOLIVIA PLURINATIONAL STATE OF': 'BO',
  'TANZANIA UNITED REPUBLIC OF': 'TZ',
  'UNITED REPUBLIC OF TANZANIA': 'TZ',
  'VIET NAM': 'VN',
  VIETNAM: 'VN',
  TURKIYE: 'TR',
  TURKEY: 'TR',
  CZECHIA: 'CZ',
  'CZECH REPUBLIC': 'CZ',
  'CABO VERDE': 'CV',
  ESWATINI: 'SZ',
  SWAZILAND: 'SZ',
  'THE GAMBIA': 'GM',
  'THE BAHAMAS': 'BS',
  'SAINT KITTS AND NEVIS': 'KN',
  'ST KITTS AND NEVIS': 'KN',
  'SAINT VINCENT AND THE GRENADINES': 'VC',
  'SAINT LUCIA': 'LC',
  'ANTIGUA AND BARBUDA': 'AG',
  'BOSNIA AND HERZEGOVINA': 'BA',
  'TRINIDAD AND TOBAGO': 'TT',
  'MICRONESIA FEDERATED STATES OF': 'FM',
  'VATICAN CITY': 'VA',
  'HOLY SEE': 'VA',
  KOSOVO: 'XK',
  CRIMEA: 'UA',
  'REGION CRIMEA': 'UA',
  'NETHERLANDS ANTILLES': 'CW',
  CURACAO: 'CW',
  'BRITISH VIRGIN ISLANDS': 'VG',
  'VIRGIN ISLANDS BRITISH': 'VG',
  'UNITED ARAB EMIRATES': 'AE',
  UAE: 'AE',
  AFGHAN: 'AF',
  IRAQI: 'IQ',
  IRANIAN: 'IR',
  SYRIAN: 'SY',
  RUSSIAN: 'RU',
  CHINESE: 'CN',
  PAKISTANI: 'PK',
  YEMENI: 'YE',
  SAUDI: 'SA',
  LIBYAN: 'LY',
  SOMALI: 'SO',
  SUDANESE: 'SD',
  LEBANESE: 'LB',
  EGYPTIAN: 'EG',
  JORDANIAN: 'JO',
  KUWAITI: 'KW',
  QATARI: 'QA',
  TUNISIAN: 'TN',
  ALGERIAN: 'DZ',
  MOROCCAN: 'MA',
  INDONESIAN: 'ID',
  FILIPINO: 'PH',
  BRITISH: 'GB',
  AMERICAN: 'US',
  FRENCH: 'FR',
  GERMAN: 'DE',
  BELGIAN: 'BE',
  UKRAINIAN: 'UA',
  BELARUSIAN: 'BY',
  VENEZUELAN: 'VE',
  COLOMBIAN: 'CO',
  MEXICAN: 'MX',
  CUBAN: 'CU',
  NIGERIAN: 'NG',
  KENYAN: 'KE',
};

function foldCountry(text: string): string {
  return toUpperAscii(text)
    .replace(/['`]/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

function buildTable(): ReadonlyMap<string, string> {
  const table = new Map<string, string>();
  for (const [code, data] of Object.entries(countries)) {
    const record = data as { name: string; native: string; alias?: readonly string[] };
    for (const name of [record.name, record.native, ...(record.alias ?? [])]) {
      const key = foldCountry(name);
      if (key.length > 0 && !table.has(key)) table.set(key, code);
    }
  }
  for (const [name, code] of Object.entries(SUPPLEMENT)) table.set(name, code);
  return table;
}

/** Built once per module load: constant data, never mutated after. */
const TABLE: ReadonlyMap<string, string> = buildTable();

/**
 * ISO 3166-1 alpha-2 code of a country given as a code (any case) or an English or native name;
 * `undefined` when unknown.
 */
export function countryCode(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed.length === 2) {
    const upper = trimmed.toUpperCase();
    return isCountryCode(upper) ? upper : undefined;
  }
  const key = foldCountry(trimmed);
  const direct = TABLE.get(key);
  if (direct !== undefined) return direct;
  // "Region: Gaza", "Kabul, Afghanistan": the country is the last comma-separated part.
  const parts = trimmed.split(/[,:;]/);
  if (parts.length > 1) return TABLE.get(foldCountry(parts[parts.length - 1]!));
  return undefined;
}
