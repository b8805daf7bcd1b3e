import type { Principal } from "../../domain/access";

/** The system acting on its own (seeding, scheduled work): logged as actor "system". */
export const SYSTEM: Principal = { id: "system", role: "secretariat", regionId: null, localCollegeId: null };
