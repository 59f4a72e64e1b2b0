/**
 * The Chakra execution-trace messages, generated at build time by protoc from {@code
 * src/main/protobuf/chakra_et.proto} ({@code ChakraSchema.GlobalMetadata}, {@code Node}, {@code
 * AttributeProto}, ...). Only {@code trace.chakra} uses them.
 *
 * <p>Worked example: a node {@code {id: 3, type: COMM_COLL_NODE, attr: [comm_type = 0, comm_size =
 * 1048576]}} is 36 bytes on the wire, after its one-byte varint length.
 */
package org.supernodesim.workload.trace.chakra.schema;
