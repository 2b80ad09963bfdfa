// One member's account on screen, kept current from the hub's events and the HTTP API.
//
// Every event carries the member's ledger sequence. An event at or below the sequence already shown is old news and
// is dropped; a newer one is shown at once (balance, tier, a new reward). After any event the account and the
// activity are read again, so what the events do not carry (stamps, expiry, the ledger) follows; a gap in the
// sequence, or a "sync" event (the server saw that events were missed), makes that re-read immediate. An account read
// older than what is shown is never applied, and a read whose account or activity is older than what is shown is
// made again.

const SETTLE_MS = 150;
const STALE_RETRY_MS = 400;
const STALE_RETRIES = 5;

export class MemberFeed {
  /**
   * @param {{ memberId: string,
   *           readAccount: () => Promise<any>, readActivity: () => Promise<any[]>,
   *           onAccount: (account: any) => void, onActivity: (entries: any[]) => void,
   *           onEvent: (name: string, event: any) => void, onError: (error: any) => void }} options
   */
  constructor(options) {
    this.memberId = options.memberId;
    this._o = options;
    this.sequence = -1;
    this.account = null;
    this._timer = 0;
    this._closed = false;
    this._reading = null;
    this._again = false;
  }

  /** Shows an account (from a read or from Watch) unless it is older than what is shown. */
  accept(account) {
    if (this._closed || !account || account.memberId !== this.memberId) return false;
    const sequence = account.ledgerSequence ?? 0;
    if (sequence < this.sequence) return false;
    this.sequence = sequence;
    this.account = account;
    this._o.onAccount(account);
    return true;
  }

  /** A hub event. Returns whether it was new. */
  handle(name, event) {
    if (this._closed || event?.memberId !== this.memberId) return false;
    if (typeof event.sequence === "number") {
      if (event.sequence <= this.sequence) return false;
      const gap = (this.sequence >= 0 && event.sequence !== this.sequence + 1) || event.reason === "sync";
      this.sequence = event.sequence;
      this._apply(name, event);
      this._o.onEvent(name, event);
      this.refresh(gap ? 0 : SETTLE_MS);
    } else {
      this._o.onEvent(name, event);
      this.refresh(0);
    }
    return true;
  }

  /** Reads the account and the activity again, after a short delay that gathers the events of one sale. */
  refresh(delay = 0) {
    if (this._closed) return;
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this._read(0), delay);
  }

  close() {
    this._closed = true;
    clearTimeout(this._timer);
  }

  _apply(name, event) {
    if (!this.account) return;
    const account = { ...this.account, ledgerSequence: event.sequence };
    if (name === "BalanceChanged") {
      account.points = event.balance;
      if (event.tier) account.tier = event.tier;
    } else if (name === "TierChanged") {
      account.tier = event.to;
    } else if (name === "RewardIssued" && event.reward) {
      // The event names the group the sale's rewards joined (rewards of a card that expire the same day) and how many.
      const rewards = account.rewards ?? [];
      const issued = event.reward;
      account.rewards = rewards.some((r) => r.rewardId === issued.rewardId)
        ? rewards.map((r) => r.rewardId === issued.rewardId
          ? { ...r, count: (r.count ?? 1) + (issued.count ?? 1), expiresAt: issued.expiresAt }
          : r)
        : [...rewards, issued];
    }
    this.account = account;
    this._o.onAccount(account);
  }

  async _read(attempt) {
    if (this._closed) return;
    if (this._reading) {
      this._again = true;
      return;
    }
    this._reading = (async () => {
      try {
        const [account, entries] = await Promise.all([this._o.readAccount(), this._o.readActivity()]);
        if (this._closed) return;
        const shown = this.accept(account);
        this._o.onActivity(entries);
        // The two reads run side by side, so the activity may predate the account (or an event already shown): the
        // event that would have refreshed it was then dropped as old news, so read again.
        const activityBehind = (entries[0]?.sequence ?? 0) < this.sequence;
        if ((!shown || activityBehind) && attempt < STALE_RETRIES) {
          clearTimeout(this._timer);
          this._timer = setTimeout(() => this._read(attempt + 1), STALE_RETRY_MS);
        }
      } catch (error) {
        if (!this._closed) this._o.onError(error);
      }
    })();
    await this._reading;
    this._reading = null;
    if (this._again) {
      this._again = false;
      this._read(0);
    }
  }
}
