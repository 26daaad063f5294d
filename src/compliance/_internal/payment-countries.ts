/**
 * Countries a party of a payment is linked to: postal address, residence, account IBAN.
 * @internal
 */
import { ibanCountry, isValidIban, type Party } from '../../index';

/** The IBAN's country, or undefined for a missing or invalid IBAN. */
export function ibanCountryOf(iban: string | undefined): string | undefined {
  return iban !== undefined && isValidIban(iban) ? ibanCountry(iban) : undefined;
}

/** Every country of a party, with the path of the field it came from. */
export function partyCountries(party: Party): { country: string; path: string[] }[] {
  const out: { country: string; path: string[] }[] = [];
  if (party.postalAddress?.country !== undefined) {
    out.push({ country: party.postalAddress.country, path: ['postalAddress', 'country'] });
  }
  if (party.countryOfResidence !== undefined)
    out.push({ country: party.countryOfResidence, path: ['countryOfResidence'] });
  const fromIban = ibanCountryOf(party.account?.iban);
  if (fromIban !== undefined) out.push({ country: fromIban, path: ['account', 'iban'] });
  return out;
}
