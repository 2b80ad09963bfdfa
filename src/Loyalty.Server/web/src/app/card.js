// "My card": the member's card number as a QR code the till's scanner reads, and in digits.
import QRCode from "qrcode";

/** The QR code's side in CSS pixels: comfortably scannable from a phone held up to the counter's scanner. */
export const QR_SIZE = 240;

/** The first of the member's cards: a card number, or an object holding one. */
export function firstCard(account) {
  const card = Array.isArray(account?.cards) ? account.cards[0] : null;
  if (typeof card === "string") return card;
  return card?.cardNumber ?? card?.number ?? null;
}

/** Groups of four digits, as printed on a card. */
export const groupDigits = (number) => number.replace(/(\d{4})(?=\d)/g, "$1 ");

export class MemberCard {
  /** @param {{ canvas: HTMLCanvasElement, number: HTMLElement, none: HTMLElement }} elements */
  constructor({ canvas, number, none }) {
    this._canvas = canvas;
    this._number = number;
    this._none = none;
    this._shown = undefined;
  }

  /** Whether a card number is shown (then it need not be read again). */
  get hasCard() {
    return typeof this._shown === "string";
  }

  /** @param {{ cards?: string[] }} holder the member's cards (`GET /api/members/{id}/cards`) */
  async show(account) {
    const card = firstCard(account);
    if (card === this._shown) return;
    this._shown = card;
    this._none.hidden = card !== null;
    this._canvas.hidden = card === null;
    this._number.hidden = card === null;
    if (card === null) {
      delete this._canvas.dataset.value;
      this._number.textContent = "";
      return;
    }
    this._number.textContent = groupDigits(card);
    await QRCode.toCanvas(this._canvas, card, { width: QR_SIZE, margin: 2, errorCorrectionLevel: "M" });
    this._canvas.dataset.value = card;
    this._canvas.setAttribute("aria-label", `Card number ${groupDigits(card)} as a QR code`);
  }
}
