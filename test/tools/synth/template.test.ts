import { describe, expect, it } from "vitest";
import {
  heredoc,
  interpolationOnly,
  parseTemplate,
  quotedTemplate,
  stringExpression,
  TemplateSyntaxError,
} from "../../../tools/synth/template";

describe("parseTemplate", () => {
  it("splits literals, interpolations and directives", () => {
    expect(parseTemplate("a${var.b}c%{if x}d%{endif}")).toEqual([
      { kind: "literal", text: "a" },
      { kind: "interpolation", expression: "var.b" },
      { kind: "literal", text: "c" },
      { kind: "directive", expression: "if x" },
      { kind: "literal", text: "d" },
      { kind: "directive", expression: "endif" },
    ]);
  });

  it("keeps $${ and %%{ escapes as literal text", () => {
    expect(parseTemplate("$${x} %%{y}")).toEqual([{ kind: "literal", text: "$${x} %%{y}" }]);
  });

  it("skips braces and quoted strings nested in an expression", () => {
    expect(parseTemplate('${jsonencode({ a = "}" })}!')).toEqual([
      { kind: "interpolation", expression: 'jsonencode({ a = "}" })' },
      { kind: "literal", text: "!" },
    ]);
  });

  it("throws on an unterminated interpolation", () => {
    expect(() => parseTemplate("${var.x")).toThrow(TemplateSyntaxError);
  });
});

describe("interpolationOnly", () => {
  it("returns the expression of a single interpolation", () => {
    expect(interpolationOnly("${aws_kms_key.k.arn}")).toBe("aws_kms_key.k.arn");
  });

  it("returns undefined when there is other text or a second interpolation", () => {
    expect(interpolationOnly("${a}-${b}")).toBeUndefined();
    expect(interpolationOnly("x${a}")).toBeUndefined();
    expect(interpolationOnly("plain")).toBeUndefined();
  });

  it("keeps strip markers inside a template", () => {
    expect(interpolationOnly("${~ a ~}")).toBeUndefined();
  });
});

describe("quotedTemplate", () => {
  it("escapes backslashes, quotes and control characters in literal text only", () => {
    expect(quotedTemplate('a\\b "c"\n\t${f("x")}')).toBe('"a\\\\b \\"c\\"\\n\\t${f("x")}"');
  });

  it("keeps template escapes, which mean the same in HCL", () => {
    expect(quotedTemplate("$${literal}")).toBe('"$${literal}"');
  });

  it("refuses a line break inside an interpolation", () => {
    expect(() => quotedTemplate("a${f(\n1)}")).toThrow(/line break/);
  });
});

describe("stringExpression", () => {
  it("unwraps interpolation-only strings and quotes the rest", () => {
    expect(stringExpression("${var.x}")).toBe("var.x");
    expect(stringExpression("arn:${var.p}")).toBe('"arn:${var.p}"');
  });
});

describe("heredoc", () => {
  it("writes a multi-line string that ends with a line break as a heredoc", () => {
    expect(heredoc('#!/bin/sh\necho "${var.x}" \\\n')).toBe('<<EOT\n#!/bin/sh\necho "${var.x}" \\\nEOT');
  });

  it("picks another marker when a line is EOT", () => {
    expect(heredoc("EOT\n")).toBeUndefined();
    expect(heredoc("a\nEOT\n")).toBe("<<EOT1\na\nEOT\nEOT1");
  });

  it("declines strings a heredoc cannot spell exactly", () => {
    expect(heredoc("no trailing newline\nx")).toBeUndefined();
    expect(heredoc("single line\n")).toBeUndefined();
    expect(heredoc("carriage\r\nreturn\n")).toBeUndefined();
  });
});
