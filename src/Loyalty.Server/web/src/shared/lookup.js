// Finding a member by what they give (the till and the support page): a card (typed, or scanned by a keyboard-wedge scanner: digits, then Enter),
// a phone number or an e-mail address, through GET /api/members/lookup. Anything else is taken for a member id.
import { ApiError, callApi } from "./api.js";

const NOUNS = { card: "card", phone: "phone number", email: "e-mail address" };

/**
 * What the text in the search field is: a card (16 digits, spaces or dashes between groups), an e-mail address (it has
 * an '@'), a phone number ('+' or a leading 0, then at least 6 more digits, with spaces, dashes, dots or brackets), or
 * null for a member id. Pure.
 * @param {string} text @returns {{ field: "card" | "phone" | "email", value: string } | null}
 */
export function identifierOf(text) {
  const value = text.trim();
  if (/^\d(?:[ -]?\d){15}$/.test(value)) return { field: "card", value: value.replace(/[ -]/g, "") };
  if (value.includes("@")) return { field: "email", value };
  if (/^(?:\+|0)[\d ().-]{6,}$/.test(value) && value.replace(/\D/g, "").length >= 7) return { field: "phone", value };
  return null;
}

/** "/api/members/lookup?card=4111111111111111": the lookup's path for an identifier. */
export const lookupPath = ({ field, value }) => `/api/members/lookup?${field}=${encodeURIComponent(value)}`;


/** "4111 1111 1111 1111": a card number in groups of four, as printed. */
export const cardText = (card) => card.replace(/(\d{4})(?=\d)/g, "$1 ");

/**
 * The member who owns the identifier, { member: { memberId, name } }, or { notFound } in the words of the problem
 * details when nobody does. Other refusals (a malformed identifier, a wrong key) reject with the ApiError.
 */
export async function findMember(identifier, headers) {
  try {
    return { member: await callApi(lookupPath(identifier), { headers }) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404)
      return { notFound: error.problem?.detail ?? `No member has this ${NOUNS[identifier.field]}.` };
    throw error;
  }
}
