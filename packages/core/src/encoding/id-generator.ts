const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32, sorts like its values

/**
 * Makes ULID-style ids: 10 characters of millisecond time then 16 random ones, 26 in all.
 * Ids from one generator increase strictly, even within one millisecond or when the clock
 * goes back, so they sort in creation order. They match the contract's id pattern.
 */
export function createIdGenerator(clock: () => Date = () => new Date(), random: () => number = Math.random) {
  let lastTime = -1;
  let lastRandom: number[] = [];
  return function nextId(): string {
    let time = clock().getTime();
    if (time <= lastTime) {
      time = lastTime;
      // Same (or earlier) millisecond: increment the random part to stay strictly increasing.
      let i = lastRandom.length - 1;
      while (i >= 0 && lastRandom[i] === 31) lastRandom[i--] = 0;
      if (i < 0) {
        time = lastTime + 1;
        lastRandom = Array.from({ length: 16 }, () => Math.floor(random() * 32));
      } else lastRandom[i]!++;
    } else {
      lastRandom = Array.from({ length: 16 }, () => Math.floor(random() * 32));
    }
    lastTime = time;
    let t = "";
    let rest = time;
    for (let i = 0; i < 10; i++) {
      t = ALPHABET[rest % 32] + t;
      rest = Math.floor(rest / 32);
    }
    return t + lastRandom.map((d) => ALPHABET[d]).join("");
  };
}
