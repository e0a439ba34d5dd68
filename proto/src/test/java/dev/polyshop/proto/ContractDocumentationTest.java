package dev.polyshop.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo.Location;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads the descriptor set shipped in the jar and checks every contract element carries a comment.
 */
class ContractDocumentationTest {

  // Field numbers of FileDescriptorProto / DescriptorProto / ServiceDescriptorProto used in paths.
  private static final int FILE_MESSAGE = 4, FILE_ENUM = 5, FILE_SERVICE = 6;
  private static final int MESSAGE_FIELD = 2, MESSAGE_NESTED = 3, MESSAGE_ENUM = 4;
  private static final int MESSAGE_ONEOF = 8, SERVICE_METHOD = 2, ENUM_VALUE = 2;

  @Test
  void descriptorSet_isShippedInTheJar_withOurThreeAreas() throws Exception {
    List<String> packages = polyshopFiles().stream().map(FileDescriptorProto::getPackage).toList();

    assertThat(packages)
        .contains("polyshop.catalog.v1", "polyshop.search.v1", "polyshop.push.v1")
        .allMatch(p -> p.startsWith("polyshop.") && p.endsWith(".v1"));
  }

  @Test
  void everyServiceRpcMessageFieldAndEnum_hasALeadingComment() throws Exception {
    List<String> undocumented = new ArrayList<>();
    for (FileDescriptorProto file : polyshopFiles()) {
      List<List<Integer>> commented =
          file.getSourceCodeInfo().getLocationList().stream()
              .filter(l -> !l.getLeadingComments().isBlank() || !l.getTrailingComments().isBlank())
              .map(Location::getPathList)
              .toList();
      for (List<Integer> required : requiredPaths(file)) {
        if (!commented.contains(required)) {
          undocumented.add(file.getName() + " at path " + required);
        }
      }
    }

    assertThat(undocumented).as("elements without a comment").isEmpty();
  }

  private static List<List<Integer>> requiredPaths(FileDescriptorProto file) {
    List<List<Integer>> paths = new ArrayList<>();
    for (int s = 0; s < file.getServiceCount(); s++) {
      paths.add(List.of(FILE_SERVICE, s));
      for (int m = 0; m < file.getService(s).getMethodCount(); m++) {
        paths.add(List.of(FILE_SERVICE, s, SERVICE_METHOD, m));
      }
    }
    for (int e = 0; e < file.getEnumTypeCount(); e++) {
      paths.add(List.of(FILE_ENUM, e));
      for (int v = 0; v < file.getEnumType(e).getValueCount(); v++) {
        paths.add(List.of(FILE_ENUM, e, ENUM_VALUE, v));
      }
    }
    for (int m = 0; m < file.getMessageTypeCount(); m++) {
      var message = file.getMessageType(m);
      paths.add(List.of(FILE_MESSAGE, m));
      for (int f = 0; f < message.getFieldCount(); f++) {
        paths.add(List.of(FILE_MESSAGE, m, MESSAGE_FIELD, f));
      }
      for (int o = 0; o < message.getOneofDeclCount(); o++) {
        // proto3 `optional` fields get synthetic oneofs, which have no source location.
        if (!message.getOneofDecl(o).getName().startsWith("_")) {
          paths.add(List.of(FILE_MESSAGE, m, MESSAGE_ONEOF, o));
        }
      }
      assertThat(message.getNestedTypeList())
          .as("nested messages in %s (map entries only)", message.getName())
          .allMatch(n -> n.getOptions().getMapEntry());
      assertThat(message.getEnumTypeCount()).as("nested enums in %s", message.getName()).isZero();
    }
    return paths;
  }

  private static List<FileDescriptorProto> polyshopFiles() throws Exception {
    try (InputStream in =
        ContractDocumentationTest.class.getResourceAsStream("/polyshop/polyshop.protoset")) {
      assertThat(in).as("descriptor set on the classpath").isNotNull();
      return FileDescriptorSet.parseFrom(in).getFileList().stream()
          .filter(f -> f.getName().startsWith("polyshop/"))
          .toList();
    }
  }
}
