// The streams a command reads and writes (process streams in the CLI, in-memory streams in tests).
export interface CommandIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}
