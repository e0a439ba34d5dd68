package dev.polyshop.gateway.upstream;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The proto3 JSON mapping of the contracts, with a type registry built from the descriptor set that
 * the proto module ships ({@code /polyshop/polyshop.protoset}), so {@code Any} values print too.
 */
@Component
public class ProtoJson {

  static final String DESCRIPTOR_SET = "/polyshop/polyshop.protoset";

  private final JsonFormat.Printer printer;
  private final JsonFormat.Parser parser;

  public ProtoJson() {
    TypeRegistry registry = registryFrom(DESCRIPTOR_SET);
    this.printer =
        JsonFormat.printer()
            .usingTypeRegistry(registry)
            .alwaysPrintFieldsWithNoPresence()
            .omittingInsignificantWhitespace();
    this.parser = JsonFormat.parser().usingTypeRegistry(registry);
  }

  public String print(Message message) {
    try {
      return printer.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print " + message.getDescriptorForType(), e);
    }
  }

  /** Merges JSON into a builder; unknown fields are rejected, as everywhere in the REST API. */
  public <B extends Message.Builder> B parse(String json, B builder)
      throws InvalidProtocolBufferException {
    parser.merge(json, builder);
    return builder;
  }

  static TypeRegistry registryFrom(String resource) {
    try (InputStream in = ProtoJson.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("descriptor set " + resource + " is not on the classpath");
      }
      FileDescriptorSet set = FileDescriptorSet.parseFrom(in);
      Map<String, FileDescriptorProto> byName = new HashMap<>();
      set.getFileList().forEach(file -> byName.put(file.getName(), file));
      Map<String, FileDescriptor> built = new HashMap<>();
      TypeRegistry.Builder registry = TypeRegistry.newBuilder();
      for (FileDescriptorProto file : set.getFileList()) {
        registry.add(build(file.getName(), byName, built).getMessageTypes());
      }
      return registry.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FileDescriptor build(
      String name, Map<String, FileDescriptorProto> protos, Map<String, FileDescriptor> built) {
    FileDescriptor done = built.get(name);
    if (done != null) {
      return done;
    }
    FileDescriptorProto proto = protos.get(name);
    if (proto == null) {
      throw new IllegalStateException("the descriptor set lacks " + name);
    }
    FileDescriptor[] dependencies =
        proto.getDependencyList().stream()
            .map(dependency -> build(dependency, protos, built))
            .toArray(FileDescriptor[]::new);
    try {
      FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies);
      built.put(name, file);
      return file;
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException("invalid descriptor " + name, e);
    }
  }
}
