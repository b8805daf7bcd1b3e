import { z } from "zod";
import { BOARD_MEETING_KINDS, BOARD_MEETING_STATUSES } from "../../../domain/certification/steps";
import { isoDate } from "../registry/schemas";

export const createMeetingBody = z.object({
  date: isoDate,
  kind: z.enum(BOARD_MEETING_KINDS).default("ordinary"),
  title: z.string().trim().min(1).max(200),
  location: z.string().trim().max(200).optional(),
});

export const updateMeetingBody = z.object({
  expectedVersion: z.number().int().min(1),
  date: isoDate.optional(),
  title: z.string().trim().min(1).max(200).optional(),
  location: z.string().trim().max(200).optional(),
  status: z.enum(BOARD_MEETING_STATUSES).optional(),
});
