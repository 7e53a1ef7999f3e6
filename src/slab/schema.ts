// The JSON Schema of SLUB scenario files (docs/scenario.schema.json), generated from the op table
// (ops.ts) and the fixed parts below. `npm run schema` writes it; a test checks it is current and
// that it accepts and rejects the same structural corpus as the loader.

import { FIELD_DOCS, OPS, type FieldType } from './ops.ts';

const FIELD_SCHEMA: Record<FieldType, object> = {
  int: { type: 'integer', minimum: -1 },
  gfp: { $ref: '#/$defs/gfpExpr' },
  bool: { type: 'boolean' },
  string: { type: 'string' },
  handle: { $ref: '#/$defs/handleRef' },
  allocflags: { $ref: '#/$defs/flagExpr' },
  cache: { $ref: '#/$defs/cacheName' },
  intOrNull: { oneOf: [{ type: 'integer' }, { type: 'null' }] },
  lockkind: { enum: ['list_lock', 'barn', 'zone'] },
};

/** Fields every operation may carry. */
const COMMON = {
  "cpu": {
    "type": "integer",
    "minimum": 0,
    "maximum": 7,
    "description": "CPU to run on (default 0); must be below config.cpus"
  },
  "context": {
    "enum": [
      "task",
      "softirq",
      "hardirq",
      "nmi"
    ],
    "description": "execution context (default task)"
  },
  "site": {
    "type": "string",
    "description": "allocation-profiling call site (current->alloc_tag); default scenario:<name>:<index>"
  },
  "inject": {
    "type": "array",
    "items": {
      "$ref": "#/$defs/injection"
    },
    "description": "interrupts to run nested on the same CPU when a point is reached"
  }
};

const AS = {"$ref": "#/$defs/identifier", "description": "name the result (object, bulk array or sheaf) for later operations"};

/** hold_lock's cpu is the CPU that holds the lock, not the one the op runs on. */
const FIELD_OVERRIDES: Record<string, Record<string, string>> = { hold_lock: { cpu: 'CPU number' } };

const STATIC = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://slabseries.invalid/scenario.schema.json",
  "title": "slabseries scenario",
  "description": "One scenario: a machine configuration, caches and a sequence of operations run on every stage. Generated from src/harness/scenario.ts (OP_SPECS) and src/kernel/config.ts; see docs/scenarios.md. The loader additionally checks that handles are defined before use, that node/cpu numbers exist on the configured machine, that gfp names exist at some stage and cache names are declared or kmalloc caches.",
  "type": "object",
  "required": [
    "name",
    "description",
    "ops"
  ],
  "additionalProperties": false,
  "properties": {
    "$schema": {
      "type": "string"
    },
    "name": {
      "type": "string",
      "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
      "description": "kebab-case; the file is <name>.json"
    },
    "description": {
      "type": "string",
      "description": "what the scenario exercises, naming kernel functions and decision points"
    },
    "decisions": {
      "type": "array",
      "items": {
        "type": "string",
        "pattern": "^[a-z0-9_]+([.-][a-z0-9_]+)*$"
      },
      "description": "short decision-point tags (fast-path, slow-path.trynode, ...)"
    },
    "config": {
      "$ref": "#/$defs/config"
    },
    "caches": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/cache"
      }
    },
    "ops": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/op"
      }
    }
  },
  "$defs": {
    "identifier": {
      "type": "string",
      "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
    },
    "handleRef": {
      "type": "string",
      "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\[[0-9]+\\])?$"
    },
    "cacheName": {
      "type": "string",
      "pattern": "^[^\\s]+$"
    },
    "gfpExpr": {
      "type": "string",
      "pattern": "^\\s*([A-Za-z_][A-Za-z0-9_]*|0x[0-9a-fA-F]+|[0-9]+)(\\s*\\|\\s*([A-Za-z_][A-Za-z0-9_]*|0x[0-9a-fA-F]+|[0-9]+))*\\s*$",
      "description": "names joined by |, e.g. \"GFP_KERNEL|__GFP_ZERO\", \"__GFP_HIGH|__GFP_NOWARN\", \"0\""
    },
    "flagExpr": {
      "type": "string",
      "pattern": "^\\s*([A-Za-z_][A-Za-z0-9_]*|0x[0-9a-fA-F]+|[0-9]+)(\\s*\\|\\s*([A-Za-z_][A-Za-z0-9_]*|0x[0-9a-fA-F]+|[0-9]+))*\\s*$"
    },
    "cache": {
      "type": "object",
      "required": [
        "name",
        "size"
      ],
      "additionalProperties": false,
      "properties": {
        "name": {
          "type": "string",
          "pattern": "^(?!kmalloc(-rcl|-cg)?-(8|16|32|64|96|128|192|256|512|1k|2k|4k|8k)$).+$",
          "description": "kmalloc cache names are reserved"
        },
        "size": {
          "type": "integer",
          "minimum": 1,
          "maximum": 32768
        },
        "align": {
          "enum": [
            0,
            8,
            16,
            32,
            64,
            128
          ],
          "default": 0
        },
        "flags": {
          "type": "array",
          "items": {
            "type": "string",
            "pattern": "^SLAB_[A-Z0-9_]+$"
          },
          "default": []
        },
        "ctor": {
          "type": "boolean",
          "default": false,
          "description": "a constructor that fills the object with 0x3c"
        }
      }
    },
    "config": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "seed": {
          "type": "integer",
          "minimum": 0,
          "maximum": 4294967295,
          "default": 1
        },
        "smp": {
          "type": "boolean",
          "default": true,
          "description": "CONFIG_SMP; false forces cpus = 1 (UP spin_trylock always succeeds)"
        },
        "cpus": {
          "type": "integer",
          "minimum": 1,
          "maximum": 8,
          "default": 2
        },
        "nodes": {
          "type": "integer",
          "minimum": 1,
          "maximum": 4,
          "default": 2
        },
        "cpuNode": {
          "type": "array",
          "items": {
            "type": "integer",
            "minimum": 0,
            "maximum": 3
          },
          "description": "node of each CPU (one entry per CPU); default round-robin"
        },
        "preemptRt": {
          "type": "boolean",
          "default": false
        },
        "memcg": {
          "type": "boolean",
          "default": false,
          "description": "memcg_kmem_online(), task context has a non-root objcg"
        },
        "memcgLimit": {
          "oneOf": [
            {
              "type": "integer"
            },
            {
              "type": "null"
            }
          ],
          "default": null
        },
        "profiling": {
          "type": "boolean",
          "default": false,
          "description": "mem_alloc_profiling_enabled()"
        },
        "profilingDebug": {
          "type": "boolean",
          "default": false,
          "description": "CONFIG_MEM_ALLOC_PROFILING_DEBUG"
        },
        "pageExtLate": {
          "type": "boolean",
          "default": false,
          "description": "page_ext_init() has not run yet (op page_ext_init runs it): with profiling, page allocations take the early-PFN path"
        },
        "kfence": {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "enabled": {
              "type": "boolean",
              "default": false
            },
            "sampleInterval": {
              "type": "integer",
              "minimum": 0,
              "default": 0,
              "description": "every Nth eligible kfence_alloc() call (counted from boot) is sampled; 0 = never"
            },
            "poolObjects": {
              "type": "integer",
              "minimum": 1,
              "default": 16
            }
          }
        },
        "initOnAlloc": {
          "type": "boolean",
          "default": false
        },
        "initOnFree": {
          "type": "boolean",
          "default": false
        },
        "kmemleak": {
          "type": "boolean",
          "default": true
        },
        "boot": {
          "enum": [
            "early",
            "deferred",
            "running"
          ],
          "default": "running"
        },
        "pagesPerNode": {
          "type": "integer",
          "minimum": 0,
          "maximum": 16777216,
          "default": 16384
        },
        "watermarks": {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "min": {
              "type": "integer"
            },
            "low": {
              "type": "integer"
            },
            "high": {
              "type": "integer"
            }
          },
          "default": {
            "min": 64,
            "low": 128,
            "high": 192
          }
        },
        "reclaimablePerNode": {
          "type": "integer",
          "minimum": 0,
          "maximum": 16777216,
          "default": 256
        },
        "cmpxchg16b": {
          "type": "boolean",
          "default": true
        },
        "freelistRandom": {
          "type": "boolean",
          "default": false
        },
        "remoteNodeDefragRatio": {
          "type": "integer",
          "minimum": 0,
          "maximum": 1000,
          "default": 1000
        },
        "slubDebug": {
          "oneOf": [
            {
              "type": "null"
            },
            {
              "type": "object",
              "required": [
                "flags",
                "caches"
              ],
              "additionalProperties": false,
              "properties": {
                "flags": {
                  "type": "array",
                  "items": {
                    "enum": [
                      "F",
                      "Z",
                      "P",
                      "U"
                    ]
                  }
                },
                "caches": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  },
                  "description": "cache names; a trailing * is a prefix glob (\"kmalloc-*\")"
                }
              }
            }
          ],
          "default": null
        }
      }
    },
    "injection": {
      "type": "object",
      "required": [
        "at",
        "context",
        "ops"
      ],
      "additionalProperties": false,
      "properties": {
        "at": {
          "enum": [
            "pcs_locked",
            "barn_locked",
            "list_lock_held",
            "page_alloc",
            "early_pfn_I0",
            "early_pfn_I1",
            "early_pfn_I2",
            "early_pfn_I3",
            "early_pfn_I4",
            "early_pfn_I5"
          ]
        },
        "cache": {
          "$ref": "#/$defs/cacheName",
          "description": "only at this cache's point (pcs_locked, barn_locked, list_lock_held); page_alloc has no cache"
        },
        "node": {
          "type": "integer",
          "minimum": 0,
          "maximum": 3,
          "description": "only at this node (barn_locked, list_lock_held, page_alloc); pcs_locked has no node"
        },
        "context": {
          "enum": [
            "softirq",
            "hardirq",
            "nmi",
            "task"
          ],
          "description": "task only with onCpu"
        },
        "onCpu": {
          "type": "integer",
          "minimum": 0,
          "maximum": 7,
          "description": "run the ops on this other CPU at that moment (concurrently), instead of as an interrupt on the same CPU"
        },
        "count": {
          "type": "integer",
          "minimum": 1,
          "default": 1
        },
        "ops": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/op"
          }
        }
      }
    }
  }
};

export function scenarioSchema(): object {
  const oneOf = OPS.map((o) => {
    const properties: Record<string, object> = { op: { const: o.name } };
    const field = (k: string, t: FieldType) => (properties[k] = { ...FIELD_SCHEMA[t], description: FIELD_OVERRIDES[o.name]?.[k] ?? FIELD_DOCS[k] });
    for (const [k, t] of Object.entries(o.req)) field(k, t);
    for (const [k, t] of Object.entries(o.opt ?? {})) field(k, t);
    if (o.allocates || o.name === 'kmem_cache_prefill_sheaf') properties.as = AS;
    for (const [k, v] of Object.entries(COMMON)) if (!(k in properties)) properties[k] = v;
    return { title: o.name, type: 'object', required: ['op', ...Object.keys(o.req)], additionalProperties: false, properties };
  });
  return { ...STATIC, $defs: { ...STATIC.$defs, op: { oneOf } } };
}

/** The operations table of docs/scenarios.md. */
export function opsTable(): string {
  const rows = OPS.map((o) => `| \`${o.name}\` | ${Object.keys(o.req).join(', ')} | ${Object.keys(o.opt ?? {}).join(', ')} | ${o.doc.replace(/\|/g, '\\|')} |`);
  return ['| op | required | optional | what it does |', '|---|---|---|---|', ...rows].join('\n') + '\n';
}
