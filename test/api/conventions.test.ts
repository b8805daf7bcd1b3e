import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { login, type Session, testApp } from "../support/app";
import { describeEachEngine, freshDb, type TestDb } from "../support/db";
import { makeWorld } from "../support/factories";

describeEachEngine("API conventions", (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let kansli: Session;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  beforeAll(async () => {
    t = await freshDb(engine);
    w = await makeWorld(t.db);
    app = await testApp(t.db);
    kansli = await login(app, w.users.secretariat.email);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it("serves health and the OpenAPI document with the registry routes", async () => {
    expect((await app.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await app.inject({ url: "/readyz" })).json()).toEqual({ status: "ready" });
    const doc = (await app.inject({ url: "/api/openapi.json" })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/regions", "/api/regions/{id}", "/api/auth/login", "/api/users"]),
    );
    expect(doc.paths["/api/regions/{id}"].patch.requestBody).toBeTruthy();
    expect((await app.inject({ url: "/api/docs/" })).statusCode).toBe(200);
  });

  it("answers bad JSON, wrong types and unknown ids with 4xx and a stable code", async () => {
    const bad = await kansli.request({
      method: "PATCH",
      url: `/api/regions/${w.regionA}`,
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("request.bad_json");

    const wrongType = await kansli.request({
      method: "PATCH",
      url: `/api/regions/${w.regionA}`,
      payload: { expectedVersion: "one" },
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error).toMatchObject({
      code: "request.invalid",
      message: "Begäran innehåller ogiltiga värden.",
    });
    expect(wrongType.json().error.details[0].path).toContain("expectedVersion");

    const unknown = await kansli.request({ method: "GET", url: "/api/regions/does-not-exist" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("region.not_found");

    const noRoute = await kansli.request({ method: "GET", url: "/api/nothing-here" });
    expect(noRoute.json().error.code).toBe("route.not_found");
  });

  it("speaks English when asked", async () => {
    const res = await kansli.request({
      method: "GET",
      url: "/api/regions/nope",
      headers: { "accept-language": "en-GB,en;q=0.9" },
    });
    expect(res.json().error.message).toBe("Not found.");
  });

  it("refuses oversized bodies with 413", async () => {
    const res = await kansli.request({
      method: "PATCH",
      url: `/api/regions/${w.regionA}`,
      payload: { expectedVersion: 1, description: "x".repeat(1_100_000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe("request.too_large");
  });

  it("asks for a login on every registry route", async () => {
    for (const url of [
      "/api/regions",
      `/api/regions/${w.regionA}`,
      "/api/municipalities",
      "/api/users",
      "/api/criteria-sets",
    ]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(401);
    }
  });
});
