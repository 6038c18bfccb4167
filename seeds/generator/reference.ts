/** Re-exports of the generator's local reference arithmetic, for tests computing expected figures. */
export { assessPeriod, regionalMinimumWage, siCap, uiCap, rateBp, FUNDS, FUND_NAMES } from './contributions.js';
export { dueDate as dueDateOf } from './calendar.js';
