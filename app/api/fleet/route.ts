// GET /api/fleet — every configured cluster side by side: score, grade, trend, criticals, CNI, last read, errors, and each rule's spread
import { route } from "@/server/api";
import { fleetView } from "@/server/fleet";

export const GET = route({}, () => fleetView());
