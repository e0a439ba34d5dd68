package dev.polyshop.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.catalog.v1.ChangeFeedPage;
import dev.polyshop.catalog.v1.Money;
import dev.polyshop.catalog.v1.Product;
import dev.polyshop.catalog.v1.ProductDeleted;
import dev.polyshop.push.v1.Event;
import dev.polyshop.push.v1.Reset;
import dev.polyshop.push.v1.ResetReason;
import dev.polyshop.push.v1.SubscribeResponse;
import dev.polyshop.search.v1.SearchFilter;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SortOrder;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every contract message survives the proto3 JSON mapping that REST and the gateway rely on. */
class ContractJsonRoundTripTest {

  static final Timestamp T = Timestamp.newBuilder().setSeconds(1_764_000_000L).setNanos(5).build();

  static final Product PRODUCT =
      Product.newBuilder()
          .setId("0b6c5a4e-2f0e-4c55-9f3e-0d3a4f1c2b11")
          .setSku("LAP-001")
          .setName("Aero 14 Laptop")
          .setDescription("Light laptop")
          .setCategory("laptops")
          .setBrand("Aero")
          .setPrice(Money.newBuilder().setAmountMinor(129_900).setCurrencyCode("EUR"))
          .setStock(7)
          .putAttributes("color", "silver")
          .setCreateTime(T)
          .setUpdateTime(T)
          .setVersion(3)
          .build();

  static Stream<Message> messages() {
    return Stream.of(
        PRODUCT,
        ChangeFeedPage.newBuilder()
            .addEvents(
                ChangeEvent.newBuilder()
                    .setPosition(41)
                    .setProductId(PRODUCT.getId())
                    .setVersion(3)
                    .setCommitTime(T)
                    .setUpsert(PRODUCT))
            .addEvents(
                ChangeEvent.newBuilder()
                    .setPosition(42)
                    .setProductId(PRODUCT.getId())
                    .setVersion(3)
                    .setDelete(ProductDeleted.newBuilder().setSku("LAP-001")))
            .setNextPosition(42)
            .setHeadPosition(50)
            .build(),
        SearchRequest.newBuilder()
            .setQuery("laptop")
            .setFilter(
                SearchFilter.newBuilder()
                    .addCategories("laptops")
                    .setMinPriceMinor(0)
                    .setMaxPriceMinor(200_000)
                    .setInStockOnly(true))
            .setSort(SortOrder.SORT_ORDER_PRICE_ASC)
            .setPageSize(20)
            .setPageToken("opaque")
            .build(),
        SubscribeResponse.newBuilder()
            .setEvent(
                Event.newBuilder()
                    .setId("42")
                    .setTopic("deals")
                    .setType("price.dropped")
                    .setDataJson("{\"x\":1}")
                    .setTime(T))
            .build(),
        SubscribeResponse.newBuilder()
            .setReset(
                Reset.newBuilder()
                    .setReason(ResetReason.RESET_REASON_RESUME_TOO_OLD)
                    .setResumeToken("42"))
            .build());
  }

  @ParameterizedTest
  @MethodSource("messages")
  void jsonRoundTrip_preservesEveryField(Message original) throws Exception {
    String json = JsonFormat.printer().print(original);
    Message.Builder parsed = original.newBuilderForType();
    JsonFormat.parser().merge(json, parsed);

    assertThat(parsed.build()).isEqualTo(original);
  }

  @ParameterizedTest
  @MethodSource("messages")
  void json_usesLowerCamelFieldNames(Message original) throws Exception {
    String json = JsonFormat.printer().print(original);

    assertThat(json).doesNotContain("_minor\"", "_time\"", "_position\"", "_json\"");
  }
}
