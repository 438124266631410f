class ProductsController < ApplicationController
  def index
    # ruleid: ruby.rails.sql-injection
    @products = Product.where("name LIKE '%#{params[:q]}%'")

    # ok: ruby.rails.sql-injection
    @by_name = Product.where(name: params[:name])

    # ok: ruby.rails.sql-injection
    @like = Product.where("name LIKE ?", "%#{params[:q]}%")

    # ok: ruby.rails.sql-injection
    @recent = Product.where(category_id: params[:category_id]).order(created_at: :desc)
  end

  def sorted
    # ruleid: ruby.rails.sql-injection
    @products = Product.order("#{params[:sort]} #{params[:dir]}")

    # ok: ruby.rails.sql-injection
    @page = Product.limit(20).offset(params[:page].to_i * 20)
  end

  def report
    sql = "SELECT * FROM orders WHERE status = '" + params[:status] + "'"
    # ruleid: ruby.rails.sql-injection
    @rows = ActiveRecord::Base.connection.execute(sql)

    # ruleid: ruby.rails.sql-injection
    @orders = Order.find_by_sql("SELECT * FROM orders WHERE customer = '#{cookies[:customer]}'")

    quoted = ActiveRecord::Base.connection.quote(params[:status])
    # ok: ruby.rails.sql-injection
    @rows2 = ActiveRecord::Base.connection.execute("SELECT * FROM orders WHERE status = #{quoted}")

    # ok: ruby.rails.sql-injection
    @count = Order.where("total > #{params[:min].to_i}").count
  end

  def lookup
    # ruleid: ruby.rails.sql-injection
    Product.exists?("sku = '#{params[:sku]}'")
    # ok: ruby.rails.sql-injection
    Product.exists?(sku: params[:sku])
  end
end
