/** A part-category code as the taxonomy writes them: dotted upper-case segments, e.g. CHASSIS.BRAKE_BY_WIRE. */
export const CATEGORY_CODE_PATTERN = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)*$/;
