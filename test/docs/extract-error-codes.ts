import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** Where an error code's value comes from at one site, when it is not a string the source spells out. */
export interface DynamicCodeSite {
  file: string;
  line: number;
  text: string;
}

/** Every error code `src/` can emit: the literals that reach the `code` of an `HttpError`. */
export interface ExtractedCodes {
  codes: Map<string, string[]>;
  /** Sites whose code is computed (an upstream's own code, passed on): reviewed by hand, listed in the test. */
  dynamic: DynamicCodeSite[];
}

const HTTP_ERROR_CODE_ARG = 2;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

type FunctionLike = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | ts.MethodDeclaration;

/** The name a function is called by: its own, or the variable / property it is assigned to. */
function functionName(fn: FunctionLike): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = fn.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

function enclosingFunction(node: ts.Node): FunctionLike | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n)) return n;
  }
  return undefined;
}

function calleeName(expr: ts.LeftHandSideExpression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  return undefined;
}

/**
 * Reads `src/` with the TypeScript parser and collects every error code: the third argument of each
 * `new HttpError(...)`, followed through the helpers that pass a parameter there (`invalidRequest(code, …)`,
 * `authError`, `upstreamAuthFailure(…, code = '…')`), local constants, conditionals and `??` fallbacks.
 */
export function extractErrorCodes(srcDir: string): ExtractedCodes {
  const files = sourceFiles(srcDir).map((path) => ({ path, sf: ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true) }));
  const codes = new Map<string, string[]>();
  const dynamic: DynamicCodeSite[] = [];
  /** Helper name → the index of its parameter that becomes an HttpError code. */
  const wrappers = new Map<string, number>();
  /** Code expressions still to resolve, with the function they sit in. */
  const pending: { expr: ts.Expression; sf: ts.SourceFile; path: string }[] = [];

  const add = (code: string, path: string, sf: ts.SourceFile, node: ts.Node) => {
    const where = `${relative(srcDir, path)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const list = codes.get(code) ?? [];
    list.push(where);
    codes.set(code, list);
  };

  const resolve = (expr: ts.Expression, sf: ts.SourceFile, path: string, depth = 0): void => {
    if (depth > 8) return;
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return add(expr.text, path, sf, expr);
    if (ts.isParenthesizedExpression(expr)) return resolve(expr.expression, sf, path, depth + 1);
    if (ts.isConditionalExpression(expr)) {
      resolve(expr.whenTrue, sf, path, depth + 1);
      resolve(expr.whenFalse, sf, path, depth + 1);
      return;
    }
    if (ts.isBinaryExpression(expr) && (expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || expr.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      resolve(expr.left, sf, path, depth + 1);
      resolve(expr.right, sf, path, depth + 1);
      return;
    }
    if (ts.isIdentifier(expr)) {
      const fn = enclosingFunction(expr);
      const paramIndex = fn ? fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === expr.text) : -1;
      if (fn && paramIndex !== -1) {
        const name = functionName(fn);
        const param = fn.parameters[paramIndex];
        if (param.initializer) resolve(param.initializer, sf, path, depth + 1);
        if (name && !wrappers.has(name)) wrappers.set(name, paramIndex);
        else if (!name) dynamic.push(site(expr, sf, path));
        return;
      }
      const decls = localDeclarations(sf, expr.text);
      if (decls.length === 0) return void dynamic.push(site(expr, sf, path));
      for (const d of decls) {
        if (d.initializer && isCodeLike(d.initializer)) resolve(d.initializer, sf, path, depth + 1);
        else dynamic.push(site(expr, sf, path));
      }
      return;
    }
    dynamic.push(site(expr, sf, path));
  };

  for (const { path, sf } of files) {
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'HttpError') {
        const arg = node.arguments?.[HTTP_ERROR_CODE_ARG];
        if (arg) pending.push({ expr: arg, sf, path });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  for (const p of pending) resolve(p.expr, p.sf, p.path);

  const seenCalls = new Set<ts.Node>();
  let known = -1;
  while (wrappers.size !== known) {
    known = wrappers.size;
    for (const { path, sf } of files) {
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && !seenCalls.has(node)) {
          const name = calleeName(node.expression);
          const index = name === undefined ? undefined : wrappers.get(name);
          if (index !== undefined) {
            seenCalls.add(node);
            const arg = node.arguments[index];
            if (arg && !ts.isSpreadElement(arg)) resolve(arg, sf, path);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
  }
  return { codes, dynamic };
}

/** A constant's initializer worth following (a literal or a choice between literals), not a computation. */
function isCodeLike(e: ts.Expression): boolean {
  return ts.isStringLiteral(e) || ts.isConditionalExpression(e) || ts.isParenthesizedExpression(e) || ts.isNoSubstitutionTemplateLiteral(e);
}

function localDeclarations(sf: ts.SourceFile, name: string): ts.VariableDeclaration[] {
  const out: ts.VariableDeclaration[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) out.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function site(node: ts.Node, sf: ts.SourceFile, path: string): DynamicCodeSite {
  return { file: path, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.getText(sf) };
}
