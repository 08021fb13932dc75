// A fixed-seed slice of `npm run fuzz` (fuzz/run.ts): a few thousand cases of every fuzz property, each checked
// by fuzz/check.ts as written and as `.tf.json` (parser and analysis never throw, every range lies inside its file,
// nothing outside the workspace is read, fixes apply and keep the syntax, every report format stays valid).
// Termination is asserted by the test finishing: mocha's timeout fails a case that hangs.

import fc from 'fast-check';
import { checkCase } from '../../../fuzz/check';
import { PROPERTIES } from '../../../fuzz/inputs';

/** Cases per property, by weight: about 3,000 in all (some 30 s on two cores). */
const TOTAL = 3000;
const SEED = 0x5eed1e;

describe('hostile: fuzz slice (fixed seed)', function () {
  this.timeout(600_000);
  const weights = PROPERTIES.reduce((s, p) => s + p.weight, 0);

  for (const [i, p] of PROPERTIES.entries()) {
    const runs = Math.round((TOTAL * p.weight) / weights);
    it(`${p.name}: ${p.description} (${runs} cases)`, () => {
      // fc.assert reports the seed, the path and the shrunk case; `npm run fuzz -- --property <name> --seed <seed>
      // --path <path>` replays it with the case written to a file.
      fc.assert(fc.property(p.arbitrary, checkCase), { seed: SEED + i, numRuns: runs });
    });
  }
});
