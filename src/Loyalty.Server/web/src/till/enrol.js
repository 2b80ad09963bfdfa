// Enrolling a new customer at the till: a member id of the till's making, name plus phone or e-mail, and a new card.
import { callApi, memberPath } from "../shared/api.js";

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I: read out at the counter without doubt

/** A new member id, "M-" and 10 random letters and digits. */
export function newMemberId() {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return `M-${[...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join("")}`;
}

/**
 * The body of PUT /api/members/{id} from the form's values: blank fields left out. Pure.
 * @param {{ name: string, email?: string, phone?: string, birthDate?: string }} values
 */
export function enrolBody({ name, email, phone, birthDate }) {
  const body = { name: name.trim() };
  if (email?.trim()) body.email = email.trim();
  if (phone?.trim()) body.phone = phone.trim();
  if (birthDate) body.birthDate = birthDate;
  return body;
}

/** Issues a card to the member (POST /api/members/{id}/cards): its number. */
export async function issueCard(memberId, headers) {
  const { cardNumber } = await callApi(`${memberPath(memberId)}/cards`, { method: "POST", headers });
  return cardNumber;
}
