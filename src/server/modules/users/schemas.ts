import { z } from "zod";
import { LANGUAGES, ROLES } from "../../../shared/roles";
import { MIN_PASSWORD_LENGTH } from "../auth/passwords";

const id = z.string().min(1).max(100);
const password = z.string().min(MIN_PASSWORD_LENGTH).max(200);

export const createUserBody = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  regionId: id.nullable().optional(),
  localCollegeId: id.nullable().optional(),
  language: z.enum(LANGUAGES).default("sv"),
  password,
});

export const updateUserBody = z.object({
  expectedVersion: z.number().int().min(1),
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(ROLES).optional(),
  regionId: id.nullable().optional(),
  localCollegeId: id.nullable().optional(),
  language: z.enum(LANGUAGES).optional(),
  status: z.enum(["active", "disabled"]).optional(),
  password: password.optional(),
});
