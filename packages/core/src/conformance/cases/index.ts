import type { ConformanceCase } from "../types";
import { aliasingCases } from "./aliasing";
import { clockCases } from "./clock";
import { concurrencyCases } from "./concurrency";
import { contentionCases } from "./contention";
import { cursorCases } from "./cursors";
import { dialogueCases } from "./dialogues";
import { documentCases } from "./documents";
import { durabilityCases } from "./durability";
import { enumerationCases } from "./enumeration";
import { errorDetailCases } from "./error-details";
import { exportCases } from "./export";
import { genericCases } from "./generic";
import { delimiterCases } from "./generic-delimiters";
import { batchCases } from "./generic-batch";
import { expiryCases } from "./generic-expiry";
import { iterateCases } from "./generic-iterate";
import { transactCases } from "./generic-transact";
import { lifecycleCases } from "./lifecycle";
import { limitCases } from "./limits";
import { linkCases } from "./links";
import { listingCases } from "./listing";
import { modelCases } from "./model";
import { processCases } from "./processes";
import { crashCases } from "./crash";
import { searchCases } from "./search";
import { tensionCases } from "./tensions";
import { optionCases } from "./options";
import { validationCases } from "./validation";

/** Every conformance case, in a stable order, with unique dotted ids. */
export function conformanceCases(): ConformanceCase[] {
  const cases = [
    ...lifecycleCases(),
    ...dialogueCases(),
    ...tensionCases(),
    ...listingCases(),
    ...exportCases(),
    ...documentCases(),
    ...searchCases(),
    ...linkCases(),
    ...genericCases(),
    ...delimiterCases(),
    ...aliasingCases(),
    ...expiryCases(),
    ...batchCases(),
    ...transactCases(),
    ...iterateCases(),
    ...cursorCases(),
    ...validationCases(),
    ...errorDetailCases(),
    ...optionCases(),
    ...limitCases(),
    ...clockCases(),
    ...concurrencyCases(),
    ...contentionCases(),
    ...durabilityCases(),
    ...processCases(),
    ...crashCases(),
    ...modelCases(),
    ...enumerationCases(),
  ];
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) throw new Error(`duplicate conformance case id ${c.id}`);
    seen.add(c.id);
  }
  return cases;
}
