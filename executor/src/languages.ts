/**
 * The languages CodeSync runs, owned by the executor (DESIGN.md: each service owns its
 * contract). The worker imports this table to seed a new room with its entry file.
 */
export const LANGUAGE_IDS = ['python', 'javascript', 'typescript', 'c', 'cpp', 'java', 'go', 'rust'] as const;

export type LanguageId = (typeof LANGUAGE_IDS)[number];

export interface LanguageInfo {
  id: LanguageId;
  name: string;
  /** File extension without the dot. */
  extension: string;
  /** The file a run starts from when the request names none. */
  entry: string;
  /** What a new room's entry file holds. */
  starter: string;
  /** The toolchain in the sandbox image (Debian bookworm's package). */
  version: string;
  /** Libraries beyond the standard library that programs may import. */
  libraries: string[];
}

export const LANGUAGES: Record<LanguageId, LanguageInfo> = {
  python: {
    id: 'python',
    version: 'Python 3.11',
    libraries: ['numpy'],
    name: 'Python',
    extension: 'py',
    entry: 'main.py',
    starter: 'print("Hello, CodeSync!")\n',
  },
  javascript: {
    id: 'javascript',
    version: 'Node.js 18',
    libraries: [],
    name: 'JavaScript',
    extension: 'js',
    entry: 'main.js',
    starter: 'console.log("Hello, CodeSync!");\n',
  },
  typescript: {
    id: 'typescript',
    version: 'TypeScript 4.9 on Node.js 18',
    libraries: [],
    name: 'TypeScript',
    extension: 'ts',
    entry: 'main.ts',
    starter: 'const greeting: string = "Hello, CodeSync!";\nconsole.log(greeting);\n',
  },
  c: {
    id: 'c',
    version: 'GCC 12 (C17)',
    libraries: ['libm'],
    name: 'C',
    extension: 'c',
    entry: 'main.c',
    starter: '#include <stdio.h>\n\nint main(void) {\n    printf("Hello, CodeSync!\\n");\n    return 0;\n}\n',
  },
  cpp: {
    id: 'cpp',
    version: 'G++ 12 (C++17)',
    libraries: [],
    name: 'C++',
    extension: 'cpp',
    entry: 'main.cpp',
    starter:
      '#include <iostream>\n\nint main() {\n    std::cout << "Hello, CodeSync!" << std::endl;\n    return 0;\n}\n',
  },
  java: {
    id: 'java',
    version: 'OpenJDK 17',
    libraries: [],
    name: 'Java',
    extension: 'java',
    entry: 'Main.java',
    starter:
      'public class Main {\n    public static void main(String[] args) {\n        System.out.println("Hello, CodeSync!");\n    }\n}\n',
  },
  go: {
    id: 'go',
    version: 'Go 1.19',
    libraries: [],
    name: 'Go',
    extension: 'go',
    entry: 'main.go',
    starter: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("Hello, CodeSync!")\n}\n',
  },
  rust: {
    id: 'rust',
    version: 'rustc 1.63 (edition 2021)',
    libraries: [],
    name: 'Rust',
    extension: 'rs',
    entry: 'main.rs',
    starter: 'fn main() {\n    println!("Hello, CodeSync!");\n}\n',
  },
};

export const DEFAULT_LANGUAGE: LanguageId = 'python';

export function isLanguageId(value: string): value is LanguageId {
  return (LANGUAGE_IDS as readonly string[]).includes(value);
}
