/** The actor the loop's own transitions are recorded as. */
export const LOOP_ACTOR = 'cybernetics';
