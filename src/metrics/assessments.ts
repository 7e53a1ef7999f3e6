// Reviewed closing notes: for each step where the detector and the declared move do not fully agree,
// which of the two is wrong and why. Written after reading the step's code and the spec
// (/work/shared/spec/series-rfc.md); a step that disagrees without a note here is reported as
// unassessed (and test/metrics.test.ts fails).

//
// Review of stages 01–15 (all 15 steps now agree): the disagreements met while building the detector
// were all the detector's fault, and were fixed in src/metrics/moves.ts rather than noted here:
// - 11: "Replace Derived Argument with Constant" on __do_kmalloc_node(…, _RET_IP_()) → (…, 0) was a
//   positional comparison across a changed signature (caller left, token moved); now skipped when the
//   callee's own parameter list changed.
// - 12: "Remove Assertion" and a "dropped" __GFP_NO_OBJ_EXT use in _kmalloc_nolock_noprof: both had
//   moved into the extracted __kmalloc_nolock_noprof; now an assertion counts as removed only if it
//   appears in no function, and a use as dropped only if the stage total falls.
// - 14: "Remove Assertion" for kmalloc_nolock's VM_WARN whose allow-mask lost __GFP_NO_OBJ_EXT: it was
//   reworded, not removed; now a function must have fewer assertions than before.
export const ASSESSMENTS: Readonly<Record<number, string>> = {};

export function assessmentOf(n: number): string | null {
  return ASSESSMENTS[n] ?? null;
}
