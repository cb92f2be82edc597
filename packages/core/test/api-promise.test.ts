import { describe, expect, it, vi } from "vitest";
import { APIPromise, NotFoundError } from "../src/internal.js";
import { op as descriptor, json, makeClient, stubFetch } from "./helpers.js";

const op = descriptor("GET", "/things/{id}");

describe("APIPromise", () => {
  it("sends nothing until awaited", async () => {
    const stub = stubFetch(json({ id: "t1" }));
    const promise = makeClient(stub.fetch).request<{ id: string }>(op, { id: "t1" });
    expect(promise).toBeInstanceOf(APIPromise);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(stub.calls).toHaveLength(0);
    expect(await promise).toEqual({ id: "t1" });
    expect(stub.calls).toHaveLength(1);
  });

  it("an unused failing call never rejects unhandled", async () => {
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      const stub = stubFetch(json({ code: "x" }, 404));
      makeClient(stub.fetch).request(op, { id: "t1" });
      makeClient(stub.fetch).request(op, {});
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).not.toHaveBeenCalled();
      expect(stub.calls).toHaveLength(0);
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });

  it("runs once however many times it is awaited", async () => {
    const stub = stubFetch(json({ id: "t1" }));
    const promise = makeClient(stub.fetch).request(op, { id: "t1" });
    await promise;
    await promise;
    await promise.withResponse();
    expect(stub.calls).toHaveLength(1);
  });

  it("withResponse gives data and the raw Response", async () => {
    const stub = stubFetch(json({ id: "t1" }, 200, { "x-request-id": "r-9" }));
    const { data, response } = await makeClient(stub.fetch)
      .request<{ id: string }>(op, { id: "t1" })
      .withResponse();
    expect(data).toEqual({ id: "t1" });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("r-9");
  });

  it("supports then/catch/finally chaining like a Promise", async () => {
    const stub = stubFetch(json({ code: "gone" }, 404));
    const onFinally = vi.fn();
    const caught = await makeClient(stub.fetch)
      .request(op, { id: "t1" }, { maxRetries: 0 })
      .catch((e: unknown) => e)
      .finally(onFinally);
    expect(caught).toBeInstanceOf(NotFoundError);
    expect(onFinally).toHaveBeenCalledOnce();
    const mapped = await makeClient(stubFetch(json({ n: 2 })).fetch)
      .request<{ n: number }>(op, { id: "a" })
      .then((v) => v.n * 10);
    expect(mapped).toBe(20);
    expect(
      Object.prototype.toString.call(new APIPromise(async () => ({ data: 1, response: new Response() }))),
    ).toBe("[object APIPromise]");
  });
});
