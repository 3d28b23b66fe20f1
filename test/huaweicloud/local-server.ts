/** A real HTTP server on 127.0.0.1 (random port) whose answers each test scripts. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

export type Handler = (req: ReceivedRequest, res: ServerResponse, index: number) => void

export interface LocalServer {
  origin: string
  received: ReceivedRequest[]
  /** Answers the n-th request with handlers[n], the last handler for all later ones. */
  answer(...handlers: Handler[]): void
  close(): Promise<void>
}

export async function startServer(host = '127.0.0.1'): Promise<LocalServer> {
  const received: ReceivedRequest[] = []
  let handlers: Handler[] = [(_req, res) => res.end()]
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const record = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8')
      }
      const index = received.push(record) - 1
      const handler = handlers[Math.min(index, handlers.length - 1)]
      handler?.(record, res, index)
    })
  })
  await new Promise<void>(resolve => server.listen(0, host, resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    received,
    answer: (...next) => {
      handlers = next
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
}

export function text(status: number, body: string, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'text/html', ...headers })
    res.end(body)
  }
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}
