// Atom feeds, declared like API routes so the OpenAPI document lists them; written by the `feed` library.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Feed } from 'feed';
import { z } from 'zod';
import { AppError } from '../errors';
import { parseInput } from '../validation';
import { toJsonSchema, validationError } from './api';

export interface FeedEntry {
  id: string;
  title: string;
  /** Path on this site, e.g. /o/malmo/assignments/… */
  path: string;
  updated: Date;
  summary: string;
  author?: string;
}

export interface FeedContent {
  title: string;
  /** The page the feed follows, as a path. */
  path: string;
  entries: FeedEntry[];
}

export interface FeedRouteDef<Q extends z.ZodType> {
  url: string;
  operationId: string;
  summary: string;
  tags: string[];
  query: Q;
}

// A host name, IPv4 or [IPv6] address, with an optional port: nothing else may end up in the feed's links.
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

/** The site's own origin as the client reached it, for absolute links in the feed. */
function origin(req: FastifyRequest): string {
  if (!HOST.test(req.host)) throw new AppError('bad_request');
  return `${req.protocol}://${req.host}`;
}

/**
 * The feed library declares entry titles and summaries type="html", so a reader renders them as
 * markup: our plain text goes in escaped, to be shown as the text it is.
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function feedRoute<Q extends z.ZodType>(app: FastifyInstance, def: FeedRouteDef<Q>, load: (req: FastifyRequest, query: z.output<Q>) => Promise<FeedContent>): void {
  app.route({
    method: 'GET',
    url: def.url,
    schema: {
      operationId: def.operationId,
      summary: def.summary,
      tags: def.tags,
      querystring: toJsonSchema(def.query, 'input'),
      response: {
        200: { description: 'An Atom 1.0 feed', content: { 'application/atom+xml': { schema: { type: 'string' } } } },
        400: { $ref: 'ApiError#' },
        404: { $ref: 'ApiError#' },
      },
    },
    handler: async (req, reply) => {
      const parsed = parseInput(def.query, req.query, req.ctx.t);
      if (!parsed.ok) throw validationError(parsed.fieldErrors);
      const content = await load(req, parsed.data);
      const base = origin(req);
      const feed = new Feed({
        id: `${base}${req.url}`,
        title: content.title,
        link: `${base}${content.path}`,
        language: req.locale,
        updated: content.entries[0]?.updated ?? new Date(0),
        generator: 'Riktning',
        copyright: '',
        feedLinks: { atom: `${base}${req.url}` },
      });
      for (const e of content.entries) {
        feed.addItem({
          id: `${base}${e.path}`,
          title: escapeHtml(e.title),
          link: `${base}${e.path}`,
          date: e.updated,
          description: escapeHtml(e.summary),
          ...(e.author ? { author: [{ name: e.author }] } : {}),
        });
      }
      return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(feed.atom1());
    },
  });
}
